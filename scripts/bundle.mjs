// Bundles the compiled CLI into one CommonJS file, dist/src/cli/pond.bundle.cjs, which bin/pond runs
// through V8's code cache (src/cli/compile-cache.ts; Node 20 can cache only a script, not a module).
// Resolving and loading ~80 small modules and their dependencies was most of a no-op command's
// start-up; one file cuts ~0.1 s. It sits beside main.js so its relative URLs (the UI page, the
// query runner) resolve the same. Heavy dependencies used only on some paths stay external and load
// lazily from node_modules: dockerode (pull progress, archives), chokidar (watch), listr2 (TTY), ajv (errors), zod,
// fflate (a bot's .zip code). Whatever is inlined (commander, yaml, js-yaml, croner) is a devDependency: an
// install does not fetch it again.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

// How the CLI bundle is loaded, which this build must match: its wrapper and how it names its side files.
const { WRAPPER, SIDE_FILE, sideFile } = await import('../dist/src/cli/compile-cache.js');

// package.json is the one source of pond's version (src/version.ts): written in here, never read at start-up.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// What every bundle shares: one ES module for node 20, with a require() for CommonJS dependencies
// (commander) that call it.
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    js: "import { createRequire as __pondRequire } from 'node:module'; const require = __pondRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
// pond itself (the CLI and the API): heavy, path-only dependencies load lazily from node_modules.
const pond = {
  ...common,
  external: ['dockerode', 'chokidar', 'listr2', 'ajv', 'zod', 'fflate', '@duckdb/node-api'],
  define: { __POND_VERSION__: JSON.stringify(version) },
};

// child_process is wanted only to spawn (ssh, a browser, commander's executable subcommands), yet
// commander requires it as it loads: ~4 ms of every start. crypto is wanted only once pond.yaml is
// read (hashes), yet loading it (~3 ms) came before pond's first engine call. In the CLI each resolves
// to a stand-in that requires it on first use. So do the promise flavours of fs, readline and timers,
// wanted only off the common path (a pipe given as a file, a prompt, a log follow): loading them
// (and fs/promises's streams, watchers and rimraf) was ~3 ms of every start. Every use reads a
// property (spawn, createHash, readFile, ...) of it, which the stand-in forwards.
const LAZY_BUILTINS = ['child_process', 'crypto', 'fs/promises', 'readline/promises', 'timers/promises'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (a) => {
      const name = a.path.replace(/^node:/, '');
      return a.namespace === 'lazy-builtin'
        ? { path: `node:${name}`, external: true }
        : { path: name, namespace: 'lazy-builtin' };
    });
    // Its names are listed without loading it: an ES module importing it copies them as getters.
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({
      contents: standIn(`node:${a.path}`, Object.keys(createRequire(import.meta.url)(`node:${a.path}`))),
      loader: 'js',
    }));
  },
};

// yaml and js-yaml are wanted only when a file is parsed, which a kept tree spares (src/config/parse-cache.ts),
// yet each importing module initialised them as the bundle loaded: ~7 ms of every start. In the CLI each
// resolves to a stand-in that initialises the bundled package on first use of any of its exports. Its
// importers share one ES module re-exporting it (as the builtins' shared modules do), so esbuild's
// interop walks the stand-in's names once, not once per importer (yaml has 10).
// croner (a bot's schedule) and tar-stream (a swarm build context) are wanted by few projects and commands.
const LAZY_PACKAGES = ['yaml', 'js-yaml', 'croner', 'tar-stream'];
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${LAZY_PACKAGES.join('|')})$`) }, (a) => {
      if (a.namespace === 'lazy-package') return undefined;
      return a.namespace === 'shared-package'
        ? { path: a.path, namespace: 'lazy-package' }
        : { path: a.path, namespace: 'shared-package' };
    });
    b.onLoad({ filter: /.*/, namespace: 'shared-package' }, (a) => ({
      contents: `export * from '${a.path}';\n`,
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (a) => ({
      contents: standIn(sideFile(a.path), Object.keys(createRequire(import.meta.url)(a.path))),
      loader: 'js',
    }));
    // A side file beside the bundle (sideFiles below), required as it is when first used.
    b.onResolve({ filter: SIDE_FILE }, (a) => ({ path: a.path, external: true }));
    // pond's own modules among the side files likewise.
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      const side = sideFiles.find((s) => s.entry === path.resolve(a.resolveDir, a.path));
      return side && { path: sideFile(side.name), external: true };
    });
  },
};

/**
 * What only first-time work runs (parsing a pond.yaml not seen before, the schema check), and packages few
 * commands want, live in files of their own beside the CLI's bundle: 730 KB of its 1.34 MB, which every
 * start read, copied and hashed (a start measured 5 % slower with 700 KB more of code it never ran).
 */
const sideFiles = [
  ...LAZY_PACKAGES.map((name) => ({ name, entry: createRequire(import.meta.url).resolve(name) })),
  // The schema's precompiled check and the schema itself: they serve only data not seen pass (config/schema-cache.ts).
  { name: 'validator', entry: path.resolve('dist/src/config/precompiled.js') },
  { name: 'schema', entry: path.resolve('dist/src/config/schema-files.js') },
];

// A file's own URL (import.meta.url) made on first use: only a few paths resolve a file beside the bundle,
// and making it took ~0.3 ms of every start.
const urlOnFirstUse = {
  define: { 'import.meta.url': '__pond.url' },
  banner: "var __pond = { get url() { return require('node:url').pathToFileURL(__filename).href; } };",
};

/** A CommonJS module forwarding every export of `target`, which it requires on first use; its names are listed without loading it. */
function standIn(target, keys) {
  return `let real;
const load = () => (real ??= require(${JSON.stringify(target)}));
const keys = ${JSON.stringify(keys)};
const known = new Set(keys);
module.exports = new Proxy({}, {
  // esbuild's interop asks every module whether it is an ES module as it imports it: not a use.
  get: (_, k) => (k === '__esModule' ? undefined : load()[k]),
  has: (_, k) => known.has(k),
  ownKeys: () => keys,
  getOwnPropertyDescriptor: (_, k) =>
    known.has(k) ? { value: undefined, writable: true, enumerable: true, configurable: true } : undefined,
});`;
}

// Each file's `import fs from 'node:fs'` becomes its own __toESM(require('node:fs')), which copies every
// property of the module as a getter: 41 copies of fs and 44 of path, ~4 ms of every start. Through
// one shared ES module per builtin (sharedModule) no copy is made at all. A lazy builtin's shared
// module requires its stand-in (the lazy plugin resolves it), so crypto's 22 importers load nothing.
const SHARED = /^node:(fs|fs\/promises|path|os|vm|http|crypto|readline\/promises|timers\/promises)$/;
const sharedBuiltins = {
  name: 'shared-builtins',
  setup(b) {
    b.onResolve({ filter: SHARED }, (a) => {
      if (a.namespace === 'lazy-builtin') return undefined; // the stand-in's own require: the real module
      if (a.namespace !== 'shared-builtin') return { path: a.path, namespace: 'shared-builtin' };
      return LAZY_BUILTINS.includes(a.path.slice('node:'.length)) ? undefined : { path: a.path, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'shared-builtin' }, (a) => ({ contents: sharedModule(a.path), loader: 'js' }));
  },
};

/**
 * The one ES module a builtin is imported through: the module itself as its default export, and each of
 * its names as a named export read from it once, which esbuild links to directly. `import m` with
 * `export *` made two copies of it as getters (~550 properties defined on every start). An accessor
 * (fs.promises, fs.ReadStream, http.globalAgent) is left out, as reading it would load what it stands
 * for: a named import of one fails the build. A lazy builtin's names are functions that call through its
 * stand-in, so nothing is read from it until one is called; its other names are left out likewise.
 */
function sharedModule(id) {
  const real = createRequire(import.meta.url)(id);
  const lazy = LAZY_BUILTINS.includes(id.slice('node:'.length));
  const lines = [`const builtin = require(${JSON.stringify(id)});`, 'export default builtin;'];
  for (const name of Object.keys(real)) {
    const d = Object.getOwnPropertyDescriptor(real, name);
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'builtin' || !d || !('value' in d)) continue;
    if (!lazy) lines.push(`export const ${name} = builtin.${name};`);
    else if (typeof d.value === 'function')
      lines.push(
        `export function ${name}(...a) { return new.target ? new builtin.${name}(...a) : builtin.${name}(...a); }`,
      );
  }
  return lines.join('\n');
}

const cli = await build({
  ...pond,
  plugins: [sharedBuiltins, lazyBuiltins, lazyPackages],
  write: false,
  format: 'cjs',
  // import() of a lazy dependency becomes require(): a cached script has no module loader to import with.
  supported: { 'dynamic-import': false },
  // The banner comes before esbuild's own "use strict", which is then no directive: it says it first, so the
  // bundle runs in strict mode as the ES modules it is made of (and the API's bundle) do.
  define: { ...pond.define, ...urlOnFirstUse.define },
  banner: { js: `'use strict';\n${urlOnFirstUse.banner}` },
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/src/cli/pond.bundle.cjs',
  // Whitespace and syntax only: a third less to parse on every start, names kept for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
});
// Written as the function bin/pond's loader compiles (compile-cache.ts's WRAPPER), so it compiles the
// file's text as it was read, without joining a copy of it.
for (const out of cli.outputFiles) writeFileSync(out.path, WRAPPER[0] + out.text + WRAPPER[1]);

// Small entries node runs as one CommonJS file, so it starts no module loader for them (an ES module
// entry made it, ~8 ms of every command). Not minified: they are small, and read in a stack trace.
const plainCjs = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
// The CLI's side files, each loaded through a code cache of its own (compile-cache.ts) when first required.
// The validator resolves ajv's runtime from beside the bundle, as it did inside it.
for (const side of sideFiles)
  await build({
    ...plainCjs,
    entryPoints: [side.entry],
    outfile: path.join('dist/src/cli', sideFile(side.name)),
    external: ['ajv'],
    define: urlOnFirstUse.define,
    banner: { js: urlOnFirstUse.banner },
    minifyWhitespace: true,
    minifySyntax: true,
  });
// bin/pond's loader of the CLI bundle; its builtins shared as the CLI's are (its default imports copied fs whole).
await build({
  ...plainCjs,
  plugins: [sharedBuiltins],
  entryPoints: ['dist/src/cli/compile-cache.js'],
  outfile: 'dist/src/cli/compile-cache.cjs',
});
// bench/'s fresh-process floor: the least node must load to make its calls, so pond's CommonJS start is
// measured against a floor that pays no module loader either (bench/floor-tool.ts).
await build({ ...plainCjs, entryPoints: ['dist/bench/floor-process.js'], outfile: 'dist/bench/floor-process.cjs' });

// The programmatic API (package.json `exports`): the same bundling, at the same depth as the CLI's
// bundle so the relative URLs (UI page, query runner) resolve alike; its types are tsc's .d.ts.
await build({ ...pond, entryPoints: ['dist/src/api/index.js'], outfile: 'dist/src/api/index.bundle.mjs' });

// The query runner runs inside a query's container, not in pond: its own bundle with Apache Arrow and
// DuckDB's JavaScript API inlined (resolving and compiling the API's ~180 files was a third of a
// one-shot query's time in its container; package.json pins it exactly); only the native binding
// stays external and resolves from pond's node_modules, mounted read-only beside it.
await build({
  ...common,
  entryPoints: ['src/workloads/query/runner/main.ts'],
  outfile: 'dist/query-runner.mjs',
  external: ['@duckdb/node-bindings'],
  // As the CLI's: parsed on every query's start, names kept for DuckDB's and the runner's own errors.
  minifyWhitespace: true,
  minifySyntax: true,
});
