import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where pond's own query runner and DuckDB live on this machine: pond's install root (found by walking
 * up to its package.json, so the CLI bundle and the compiled sources agree), its bundled runner and
 * its @duckdb packages. Mounted read-only into every query container.
 */
export function runnerFiles(): { runner: string; duckdb: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!isPondRoot(dir)) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find pond\'s install folder (package.json named "pond")');
    dir = up;
  }
  return { runner: path.join(dir, 'dist/query-runner.mjs'), duckdb: path.join(dir, 'node_modules/@duckdb') };
}

function isPondRoot(dir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'pond';
  } catch {
    return false;
  }
}
