import { keepingOn, keptDir, readKept, writeKept } from './kept.js';
import { parseYaml, type ParseResult } from './parse.js';
import { toData, type MapNode, type TreeNode } from './tree.js';
import { decodeTree, encodeTree } from './tree-codec.js';
import { treeHoldsSecret } from './tree-secrets.js';

/**
 * parseYaml through the kept entries (kept.ts), so a command on an unchanged pond.yaml does not
 * parse it again (about 30 ms at 200 workloads). The entry is keyed by the file's text. Only a file
 * that parsed cleanly is kept, and never one with a secret written in it (a value under a
 * secret-named key, a URL with a password): a cache must not become a second copy of a password.
 *
 * A file with nothing to interpolate also keeps its data (ParseResult.data), read back by JSON.parse:
 * its located tree is then decoded only when something asks for a position (a diagnostic, `pond
 * config`), not on every command (~5 ms at 200 workloads, a third of the config stage).
 */
export function parseCached(file: string, text: string): ParseResult {
  if (!keepingOn()) return withData(parseYaml(file, text));
  const kept = readKept('tree', text);
  const read = kept && readEntry(file, text, kept.toString('utf8'));
  if (read) return read;
  const parsed = withData(parseYaml(file, text));
  if (parsed.tree && !treeHoldsSecret(parsed.tree)) {
    // The tree as a string inside the entry: reading the entry then only scans it, and a command
    // that takes the data never builds the tree's arrays (validate of 5,000 workloads: 0.9x the time).
    const tree = encodeTree(parsed.tree);
    if (tree !== undefined) writeKept('tree', text, JSON.stringify({ data: parsed.data ?? null, tree }));
  }
  return parsed;
}

/** The parse with its data, when the tree has any to give (ParseResult.data). */
function withData(parsed: ParseResult): ParseResult {
  const data = parsed.tree && plainData(parsed.tree);
  return data ? { ...parsed, data } : parsed;
}

/** toData(tree) when no value holds `$` and no key is `__proto__` (toData would set a prototype, JSON.parse a key). */
function plainData(tree: MapNode): Record<string, unknown> | undefined {
  return literal(tree) ? (toData(tree) as Record<string, unknown>) : undefined;
}

function literal(node: TreeNode): boolean {
  if (node.kind === 'scalar') return typeof node.value !== 'string' || !node.value.includes('$');
  if (node.kind === 'seq') return node.items.every(literal);
  let ok = true;
  node.entries.forEach((e, k) => {
    ok &&= k !== '__proto__' && literal(e.node);
  });
  return ok;
}

/** A kept entry as a parse, or undefined when it is not one this build writes. */
function readEntry(file: string, text: string, kept: string): ParseResult | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(kept);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { tree: json, data } = entry as { tree: unknown; data: unknown };
  if (typeof json !== 'string') return undefined;
  if (data === null) {
    const tree = decodeTree(file, json);
    return tree && { tree, diagnostics: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data) || !json.startsWith('[2,')) return undefined;
  return {
    tree: lazyTree(() => decodeTree(file, json) ?? reparsed(file, text)),
    diagnostics: [],
    data: data as Record<string, unknown>,
  };
}

/**
 * A mapping node decoded on first use of its location or entries. Spreading it, as merging and
 * interpolation would, decodes it too; a file with data skips both.
 */
function lazyTree(decode: () => MapNode): MapNode {
  let tree: MapNode | undefined;
  const real = (): MapNode => (tree ??= decode());
  return Object.defineProperties({ kind: 'map' } as MapNode, {
    loc: { get: () => real().loc, enumerable: true },
    entries: { get: () => real().entries, enumerable: true },
  });
}

/** The tree of a kept entry that cannot be decoded: the file's text parsed again (it parsed cleanly once). */
function reparsed(file: string, text: string): MapNode {
  const tree = parseYaml(file, text).tree;
  if (!tree) throw new Error(`pond's kept parse of ${file} is damaged: remove the folder ${keptDir()} and run again`);
  return tree;
}
