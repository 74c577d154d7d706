import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EXTENSION_SUFFIX, providedExtensions, type DuckDbBuild } from './extensions.js';

/**
 * Builds the folder DuckDB uses as its extension_directory, in its own layout
 * (`<dir>/<version>/<platform>/NAME.duckdb_extension`), under `tmp`: a link to each extension the
 * mounted folder provides (a `.gz` one unpacked), and an empty stand-in for each built-in one, so
 * that a script's `INSTALL json` finds it installed instead of going to the network. Returns the folder.
 */
export function prepareExtensionDir(build: DuckDbBuild, mount: string, tmp: string): string {
  const root = path.join(tmp, 'duckdb-extensions');
  const dir = path.join(root, build.version, build.platform);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of build.builtIn) fs.writeFileSync(path.join(dir, `${name}${EXTENSION_SUFFIX}`), '');
  for (const [name, rel] of providedExtensions(listFiles(mount), build)) {
    const target = path.join(dir, `${name}${EXTENSION_SUFFIX}`);
    fs.rmSync(target, { force: true });
    const source = path.join(mount, rel);
    if (rel.endsWith('.gz')) fs.writeFileSync(target, gunzipSync(fs.readFileSync(source)));
    else fs.symlinkSync(source, target);
  }
  return root;
}

/** Files under `dir`, relative to it, three levels deep at most (DuckDB's layout is two folders deep). */
function listFiles(dir: string, prefix = '', depth = 0): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return depth < 2 ? listFiles(dir, rel, depth + 1) : [];
    return e.isFile() || e.isSymbolicLink() ? [rel] : [];
  });
}
