import fs from 'node:fs';
import path from 'node:path';

/** Kubernetes refuses a ConfigMap larger than this (etcd's object limit). */
export const CONFIGMAP_LIMIT = 1024 * 1024;

/** A folder's or file's contents as ConfigMap entries, each with the path it has under the mount. */
export interface FileSet {
  /** UTF-8 text files. */
  data: Record<string, string>;
  /** Anything else, base64. */
  binaryData: Record<string, string>;
  /** key → path under the mount point, sorted by path. */
  items: { key: string; path: string }[];
  bytes: number;
  /** The mount is one file (mounted by subPath), not a folder. */
  file: boolean;
}

/**
 * Reads what a read-only bind mount shows the container, so that it can travel as a ConfigMap. Keys
 * are the relative paths in ConfigMap's alphabet (`/` → `__`); undefined when the set is over the
 * limit or holds something other than files and folders, so the caller says why it was left out.
 */
export function readFileSet(source: string): FileSet | undefined {
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) return undefined;
  const set: FileSet = { data: {}, binaryData: {}, items: [], bytes: 0, file: stat.isFile() };
  const files = stat.isFile() ? [path.basename(source)] : listFiles(source, '');
  if (!files) return undefined;
  const root = stat.isFile() ? path.dirname(source) : source;
  for (const rel of files.sort()) {
    const bytes = fs.readFileSync(path.join(root, rel));
    set.bytes += bytes.length;
    if (set.bytes > CONFIGMAP_LIMIT) return undefined;
    const key = uniqueKey(rel, set);
    const text = bytes.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(bytes)) set.data[key] = text;
    else set.binaryData[key] = bytes.toString('base64');
    set.items.push({ key, path: rel });
  }
  return set;
}

function listFiles(dir: string, prefix: string): string[] | undefined {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile()) out.push(rel);
    else if (entry.isDirectory()) {
      const inner = listFiles(path.join(dir, entry.name), rel);
      if (!inner) return undefined;
      out.push(...inner);
    } else return undefined;
  }
  return out;
}

function uniqueKey(rel: string, set: FileSet): string {
  const base = rel.replace(/\//g, '__').replace(/[^-._a-zA-Z0-9]/g, '_');
  let key = base;
  for (let n = 2; key in set.data || key in set.binaryData; n++) key = `${base}.${n}`;
  return key;
}
