import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Folders that are never part of a bot's code: caches and version control. */
const SKIP = new Set(['.git', '__pycache__', '.pond']);

/**
 * A content hash of the bot's code: a folder (every file's relative path, mode bit for "executable"
 * and bytes, in sorted order) or a .zip (its bytes). Equal code ⇔ equal hash, whatever the mtimes,
 * so a touch does not replace the bot and an edit always does.
 */
export function codeHash(source: string): string {
  const h = createHash('sha256');
  if (fs.statSync(source).isFile()) return h.update(fs.readFileSync(source)).digest('hex');
  for (const rel of listFiles(source)) {
    const abs = path.join(source, rel);
    const st = fs.lstatSync(abs);
    h.update(`${rel}\0${st.isSymbolicLink() ? 'link' : st.mode & 0o111 ? 'exec' : 'file'}\0`);
    h.update(st.isSymbolicLink() ? fs.readlinkSync(abs) : fs.readFileSync(abs));
    h.update('\0');
  }
  return h.digest('hex');
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (SKIP.has(e.name)) continue;
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, child));
    else if (e.isFile() || e.isSymbolicLink()) out.push(child);
  }
  return out;
}
