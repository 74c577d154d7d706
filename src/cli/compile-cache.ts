/**
 * Runs the CLI's CommonJS bundle through V8's code cache, so a command does not parse and compile
 * the same megabyte of JavaScript on every start. bin/pond loads it; it is not part of the bundle.
 *
 * The cache is what V8 serialises after a run (`createCachedData`), so it holds every function that
 * run compiled, not only the top level (which is all `v8-compile-cache` keeps, as it serialises at
 * compile time). Node 22's `module.enableCompileCache` does the same for any module; this is its
 * counterpart for Node 20, which lacks it. One file per bundle build and Node build, written once
 * (or again when V8 refuses it), atomically, mode 0600 in a 0700 folder of the user's own; a cache
 * that is not the user's own, or not private, is ignored. Any failure falls back to compiling.
 *
 * A run that did first-time work (parsed a pond.yaml it had not seen, ran the schema check) writes a
 * provisional cache (`.first.bin`): it holds the code of that work, which later runs do not use, and
 * V8 spent ~1.5 ms more on every start reading it (851 vs 619 KB at 200 workloads, measured when the
 * YAML parsers were still in the bundle). A
 * run without such work that took it removes it, so that the next run compiles what it uses and keeps
 * that: one start without a cache, once per build. (Rewritten from a run that took it, the cache
 * would hold all it held: what V8 read from a cache is compiled code like any other.)
 */
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { readPrivate, writePrivate } from '../private-file.js';

/** Where the cache lives, or undefined when it is switched off or there is no home to keep it in. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const chosen = env.POND_COMPILE_CACHE;
  if (chosen === '0' || chosen === 'off') return undefined;
  if (chosen) return path.resolve(chosen);
  const base = env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : '');
  return base ? path.join(base, 'pond', 'v8') : undefined;
}

export interface LoadedBundle<T> {
  exports: T;
  /** Whether V8 took the cache it was given. */
  fromCache: boolean;
  /** The bundle's build (bundleBuild): what other caches made by this build are named after. */
  build: string;
  /**
   * Writes the cache after a run when there was none or V8 refused it, provisional unless the run was
   * `steady` (did no first-time work); removes a provisional one a steady run took. Never throws.
   */
  save(steady?: boolean): void;
}

/**
 * What makes a CommonJS file a function of its module's variables, as node's loader does. The CLI's
 * bundle is written with it already (scripts/bundle.mjs): joined here, the megabyte of text was copied
 * once more when V8 flattened the joined string to compile it.
 */
export const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'] as const;

/** How a bundle requires a side file (scripts/bundle.mjs): code only first-time work runs, kept beside it. */
export const SIDE_FILE = /^\.\/pond-[\w-]+\.cjs$/;

/** The name a bundle requires the side file `name` by (matches SIDE_FILE). */
export function sideFile(name: string): string {
  return `./pond-${name}.cjs`;
}

/**
 * Loads and runs `file` as a CommonJS module, through the code cache in `dir` when given. Its side files
 * load the same way, each through a cache of its own, written after the first run that used it: node's
 * own loader would parse all of each (~700 KB) on every start that parsed a pond.yaml.
 */
export function loadBundle<T>(file: string, dir: string | undefined): LoadedBundle<T> {
  const source = readSource(file);
  const build = bundleBuild(file);
  const cacheFile = dir ? path.join(dir, cacheName(file, build)) : undefined;
  const firstFile = cacheFile && provisionalName(cacheFile);
  const steadyData = cacheFile ? readPrivate(cacheFile) : undefined;
  const firstData = steadyData || !firstFile ? undefined : readPrivate(firstFile);
  const cachedData = steadyData ?? firstData;
  const provisional = firstData !== undefined;
  const wrapped = source.startsWith(WRAPPER[0]) && source.endsWith(WRAPPER[1]);
  const script = new vm.Script(wrapped ? source : WRAPPER[0] + source + WRAPPER[1], {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const sides = new Map<string, LoadedBundle<unknown>>();
  const plain = createRequire(file);
  const sideRequire = Object.assign(
    (id: string): unknown => {
      if (!SIDE_FILE.test(id)) return plain(id);
      let side = sides.get(id);
      if (!side) sides.set(id, (side = loadBundle(path.join(path.dirname(file), id), dir)));
      return side.exports;
    },
    { resolve: plain.resolve, cache: plain.cache, main: plain.main, extensions: plain.extensions },
  );
  run(module.exports, sideRequire, module, file, path.dirname(file));
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    fromCache,
    build,
    save(steady = true) {
      // A side file's code is what first-time work runs: kept as it stands, whatever the run.
      for (const side of sides.values()) side.save();
      if (!dir || !cacheFile || !firstFile) return;
      const target = steady ? cacheFile : firstFile;
      try {
        if (fromCache) {
          if (provisional && steady) fs.rmSync(firstFile, { force: true });
        } else if (writePrivate(dir, target, script.createCachedData())) {
          dropOthers(dir, target, `${path.basename(file)}-`);
        }
      } catch {
        // An unwritable cache only costs the next start its compile; old builds' caches wait for the next write.
      }
    },
  };
}

/**
 * The bundle's text. esbuild writes it in ASCII (non-ASCII characters escaped), and an ASCII file read
 * as latin1 is the same text, copied rather than decoded: ~1-2 ms of every start on a megabyte.
 */
function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * The cache's name says which bundle build (size, mtime, ctime, inode) and which V8 it is for, so a rebuilt
 * bundle or another Node never meets an old cache: V8 itself checks only the source's length.
 */
export function cacheName(file: string, build = bundleBuild(file)): string {
  return `${path.basename(file)}-${process.versions.v8}-${process.arch}-${build}.bin`;
}

/** Where a run that did first-time work keeps its cache, beside the cache's own name. */
export function provisionalName(cacheFile: string): string {
  return cacheFile.replace(/\.bin$/, '.first.bin');
}

/** One build of a file: its size, mtime, ctime and inode (a rebuild or a copy changes at least one). */
export function bundleBuild(file: string): string {
  const st = fs.statSync(file);
  return `${st.size}-${Math.trunc(st.mtimeMs)}-${Math.trunc(st.ctimeMs)}-${st.ino}`;
}

/** Drops the caches of this bundle's earlier builds. */
function dropOthers(dir: string, file: string, prefix: string): void {
  const name = path.basename(file);
  for (const other of fs.readdirSync(dir)) {
    if (other !== name && other.startsWith(prefix) && other.endsWith('.bin')) {
      fs.rmSync(path.join(dir, other), { force: true });
    }
  }
}
