import { keepingOn, readKept, writeKept } from './kept.js';
import { parseYaml, type ParseResult } from './parse.js';
import { decodeTree, encodeTree } from './tree-codec.js';
import { treeHoldsSecret } from './tree-secrets.js';

/**
 * parseYaml through the kept entries (kept.ts), so a command on an unchanged pond.yaml does not
 * parse it again (about 30 ms at 200 workloads). The entry is keyed by the file's text. Only a file
 * that parsed cleanly is kept, and never one with a secret written in it (a value under a
 * secret-named key, a URL with a password): a cache must not become a second copy of a password.
 */
export function parseCached(file: string, text: string): ParseResult {
  if (!keepingOn()) return parseYaml(file, text);
  const kept = readKept('tree', text);
  const tree = kept && decodeTree(file, kept.toString('utf8'));
  if (tree) return { tree, diagnostics: [] };
  const parsed = parseYaml(file, text);
  if (parsed.tree && !treeHoldsSecret(parsed.tree)) {
    const json = encodeTree(parsed.tree);
    if (json !== undefined) writeKept('tree', text, json);
  }
  return parsed;
}
