import type { Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folders that are never content: caches and version control. */
const SKIP = new Set(['.git', '__pycache__', '.pond']);

/**
 * Feeds `hash` with what is at `rel` under `base` (a file, or a folder walked in name order): each
 * file's relative path, whether it is executable or a link, and its bytes. Equal content ⇔ equal
 * hash whatever the mtimes, so a touch changes nothing and an edit always does. Reads whole files
 * (~1 GB/s here). Paths in `skip` (absolute) are left out. Used for a bot's code and a query's inputs.
 */
export function addContent(hash: Hash, base: string, rel = '', skip: ReadonlySet<string> = new Set()): void {
  const abs = path.join(base, rel);
  if (skip.has(abs)) return;
  const st = fs.lstatSync(abs);
  if (st.isDirectory()) {
    const names = fs.readdirSync(abs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) if (!SKIP.has(name)) addContent(hash, base, rel ? `${rel}/${name}` : name, skip);
    return;
  }
  if (!st.isFile() && !st.isSymbolicLink()) return;
  hash.update(`${rel}\0${st.isSymbolicLink() ? 'link' : st.mode & 0o111 ? 'exec' : 'file'}\0`);
  hash.update(st.isSymbolicLink() ? fs.readlinkSync(abs) : fs.readFileSync(abs));
  hash.update('\0');
}
