import type { Hash } from 'node:crypto';
import fs, { type BigIntStats } from 'node:fs';
import path from 'node:path';

/** Folders that are never content: caches and version control. */
const SKIP = new Set(['.git', '__pycache__', '.pond']);

/**
 * One file or link of a content walk. `type` is what the hash records besides the path and bytes;
 * `stat` (lstat, taken before any read) lets a digest cache tell an unchanged file from a changed one.
 */
export interface ContentEntry {
  rel: string;
  abs: string;
  type: 'file' | 'exec' | 'link';
  stat: BigIntStats;
}

/**
 * What is at `rel` under `base` (a file, or a folder walked in name order), in the order addContent
 * hashes it. Paths in `skip` (absolute) are left out, and so are sockets, FIFOs and devices.
 */
export function contentEntries(
  base: string,
  rel = '',
  skip: ReadonlySet<string> = new Set(),
  into: ContentEntry[] = [],
): ContentEntry[] {
  const abs = path.join(base, rel);
  if (skip.has(abs)) return into;
  const stat = fs.lstatSync(abs, { bigint: true });
  if (stat.isDirectory()) {
    const names = fs.readdirSync(abs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) if (!SKIP.has(name)) contentEntries(base, rel ? `${rel}/${name}` : name, skip, into);
    return into;
  }
  if (stat.isSymbolicLink()) into.push({ rel, abs, type: 'link', stat });
  else if (stat.isFile()) into.push({ rel, abs, type: Number(stat.mode) & 0o111 ? 'exec' : 'file', stat });
  return into;
}

/** The header the hash records before an entry's bytes. */
export function entryHeader(e: ContentEntry): string {
  return `${e.rel}\0${e.type}\0`;
}

/**
 * Feeds `hash` with what is at `rel` under `base`: each file's relative path, whether it is
 * executable or a link, and its bytes. Equal content ⇔ equal hash whatever the mtimes, so a touch
 * changes nothing and an edit always does. Reads whole files (~1 GB/s here); query inputs go
 * through the digest cache instead (query/content-hash.ts). Used for a bot's code.
 */
export function addContent(hash: Hash, base: string, rel = '', skip: ReadonlySet<string> = new Set()): void {
  for (const e of contentEntries(base, rel, skip)) {
    hash.update(entryHeader(e));
    hash.update(e.type === 'link' ? fs.readlinkSync(e.abs) : fs.readFileSync(e.abs));
    hash.update('\0');
  }
}
