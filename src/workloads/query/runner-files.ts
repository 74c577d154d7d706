import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One package mounted into a query container, under its name in /opt/pond/node_modules. */
export interface MountedPackage {
  name: string;
  /** Where it is on this machine; absent when it is not installed here (see `engine-fit.ts`). */
  dir?: string;
}

/** What a query container gets from this machine: pond's runner and the DuckDB packages it imports. */
export interface RunnerFiles {
  runner: string;
  packages: MountedPackage[];
  /** Where a missing package would be if installed (a mount source must be a path even then). */
  fallbackDir: string;
}

/**
 * Where pond's query runner and DuckDB live on this machine. The runner is in pond's own dist/ (the
 * first folder above this module holding a package.json, which the CLI bundle and the compiled
 * sources share). DuckDB is found the way Node finds it from pond (createRequire), not at a path
 * under pond's folder: a project-local or global install hoists it elsewhere. The native binding
 * is the Linux one for `arch`, the container's, since the runner runs inside a Linux container.
 */
export function runnerFiles(arch: string = linuxArch()): RunnerFiles {
  const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
  const api = resolvePackage('@duckdb/node-api', path.join(root, 'package.json'));
  const bindings = api && resolvePackage('@duckdb/node-bindings', path.join(api, 'package.json'));
  const nativeName = `@duckdb/node-bindings-linux-${arch}`;
  const native = bindings && resolvePackage(nativeName, path.join(bindings, 'package.json'));
  const fallbackDir = path.join(root, 'node_modules');
  return {
    runner: path.join(root, 'dist/query-runner.mjs'),
    packages: [
      { name: '@duckdb/node-api', ...(api && { dir: api }) },
      { name: '@duckdb/node-bindings', ...(bindings && { dir: bindings }) },
      { name: nativeName, ...(native && { dir: native }) },
    ],
    fallbackDir,
  };
}

/** The container's CPU as npm names it: this machine's when it is Linux, else the common x64. */
function linuxArch(): string {
  return process.platform === 'linux' ? process.arch : 'x64';
}

function resolvePackage(name: string, from: string): string | undefined {
  try {
    return path.dirname(createRequire(from).resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function packageRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find pond's install folder (no package.json above ${start})`);
    dir = up;
  }
  return dir;
}
