import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readPrivate, writePrivate } from '../private-file.js';
import { secretValuesIn } from '../secrets.js';
import { parseYaml, type ParseResult } from './parse.js';
import { toData, type MapNode } from './tree.js';
import { decodeTree, encodeTree } from './tree-codec.js';

/**
 * Parsed config files kept between runs, so a command on an unchanged pond.yaml does not parse it
 * again (about 30 ms at 200 workloads, most of a no-op `up` above node's own start). An entry is
 * named after the text's SHA-256 and the build of pond that parsed it, so it is the parse of exactly
 * those bytes by exactly this parser: nothing else can make it stale. Only a file that parsed
 * cleanly is kept, and never one with a secret written in it (a value under a secret-named key, a
 * URL with a password): a cache must not become a second copy of a password. Entries live beside
 * the V8 code cache (private, the user's own: private-file.ts); another build's are dropped, and
 * past MAX_ENTRIES the oldest go.
 */
export interface ParseCacheSite {
  dir: string;
  /** The build of pond doing the parsing (compile-cache.ts's bundleBuild). */
  build: string;
}

/** Enough for every file of a few projects and the edits of a watch session. */
export const MAX_ENTRIES = 64;

const PREFIX = 'tree-';

let site: ParseCacheSite | undefined;

/** Turns the cache on for this process (the CLI does, for the build it runs), or off. */
export function keepParsedFiles(where: ParseCacheSite | undefined): void {
  site = where;
}

/** parseYaml through the cache when it is on: the same result, read back instead of parsed. */
export function parseCached(file: string, text: string): ParseResult {
  const at = site;
  if (!at) return parseYaml(file, text);
  const entry = path.join(at.dir, entryName(at.build, text));
  const kept = readPrivate(entry);
  const tree = kept && decodeTree(file, kept.toString('utf8'));
  if (tree) return { tree, diagnostics: [] };
  const parsed = parseYaml(file, text);
  if (parsed.tree) keep(at, entry, parsed.tree);
  return parsed;
}

export function entryName(build: string, text: string): string {
  return `${PREFIX}${build}-${createHash('sha256').update(text).digest('base64url')}.json`;
}

function keep(at: ParseCacheSite, entry: string, tree: MapNode): void {
  if (secretValuesIn(toData(tree)).length > 0) return;
  const json = encodeTree(tree);
  if (json === undefined || !writePrivate(at.dir, entry, json)) return;
  try {
    prune(at);
  } catch {
    // Left for the next write.
  }
}

/** Drops other builds' entries, then the oldest of this build's past MAX_ENTRIES. */
function prune(at: ParseCacheSite): void {
  const mine = `${PREFIX}${at.build}-`;
  const kept: { file: string; mtime: number }[] = [];
  for (const name of fs.readdirSync(at.dir)) {
    if (!name.startsWith(PREFIX) || !name.endsWith('.json')) continue;
    const file = path.join(at.dir, name);
    if (!name.startsWith(mine)) fs.rmSync(file, { force: true });
    else kept.push({ file, mtime: fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 });
  }
  kept.sort((a, b) => b.mtime - a.mtime);
  for (const old of kept.slice(MAX_ENTRIES)) fs.rmSync(old.file, { force: true });
}
