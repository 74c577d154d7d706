import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WRAPPER } from '../../src/cli/compile-cache.js';
import { pond, projectDir, ROOT } from './helpers/pond.js';

const YAML = 'version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n    command: [sleep, "60"]\n';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-startup-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The code caches in `dir`: the bundle's (`bins`), or its side files' (`sideBins`). */
const caches = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')) : [];
const bins = (dir: string): string[] => caches(dir).filter((f) => f.startsWith('pond.bundle.cjs-'));
const sideBins = (dir: string): string[] =>
  caches(dir)
    .filter((f) => !f.startsWith('pond.bundle.cjs-'))
    .map((f) => f.slice(0, f.indexOf('.cjs-') + 4));

describe("the CLI's compiled-code cache", () => {
  it('the first run writes a provisional private cache, the next (pond.yaml kept) drops it, the third writes its own, and later runs take it as it is', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const cache = path.join(scratch, 'first');
    const first = await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache } });
    expect(first.code).toBe(0);
    expect(bins(cache)).toEqual([expect.stringMatching(/\.first\.bin$/)]);
    // The YAML parsers, the schema and its check it loaded, each with a cache of its own.
    expect(sideBins(cache).sort()).toEqual([
      'pond-js-yaml.cjs',
      'pond-schema.cjs',
      'pond-validator.cjs',
      'pond-yaml.cjs',
    ]);
    const provisional = fs.statSync(path.join(cache, bins(cache)[0]!));
    expect(provisional.mode & 0o777).toBe(0o600);

    // It parsed pond.yaml and checked its schema: code the next runs, which find both kept, do not run.
    const second = await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache } });
    expect(second).toEqual(first);
    expect(bins(cache)).toEqual([]);
    expect(await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache } })).toEqual(first);
    const [file] = bins(cache);
    expect(bins(cache)).toEqual([expect.not.stringMatching(/\.first\.bin$/)]);
    const written = fs.statSync(path.join(cache, file!));
    expect(written.mode & 0o777).toBe(0o600);
    expect(written.size).toBeLessThan(provisional.size);

    const third = await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache } });
    expect(third).toEqual(first);
    const after = fs.statSync(path.join(cache, file!));
    expect([after.ino, after.mtimeMs, bins(cache)]).toEqual([written.ino, written.mtimeMs, [file]]);
  });

  it('a damaged cache is replaced and the command still answers', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const cache = path.join(scratch, 'damaged');
    await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache } });
    const [file] = bins(cache);
    fs.writeFileSync(path.join(cache, file!), Buffer.alloc(1024, 1), { mode: 0o600 });
    const run = await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('valid: project');
    expect(bins(cache).map((f) => fs.statSync(path.join(cache, f)).size)).toEqual([expect.any(Number)]);
    expect(fs.statSync(path.join(cache, bins(cache)[0]!)).size).toBeGreaterThan(100_000);
  });

  it('POND_COMPILE_CACHE=0 writes nothing, in its folder or the default one', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const home = path.join(scratch, 'home');
    const run = await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: '0', HOME: home, XDG_CACHE_HOME: '' } });
    expect(run.code).toBe(0);
    expect(fs.existsSync(home)).toBe(false);
  });
});

const trees = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('tree-') && f.endsWith('.json')) : [];

describe("the CLI's kept parses of pond.yaml", () => {
  it('an edit that keeps the size and the mtime is still read: entries are keyed by the text', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const file = path.join(cwd, 'pond.yaml');
    const cache = path.join(scratch, 'trees');
    const env = { POND_COMPILE_CACHE: cache };
    const when = 1_780_000_000; // whole seconds, so setting it again gives exactly the same mtime
    fs.utimesSync(file, when, when);
    const before = fs.statSync(file);
    expect((await pond(['validate'], { cwd, env })).code).toBe(0);
    expect(trees(cache)).toHaveLength(1);
    expect((await pond(['validate'], { cwd, env })).code).toBe(0);

    fs.writeFileSync(file, YAML.replace('image: busybox:1.35', 'imagX: busybox:1.35'));
    fs.utimesSync(file, when, when);
    const after = fs.statSync(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const edited = await pond(['validate'], { cwd, env });
    expect(edited.code).toBe(3);
    expect(edited.stderr).toContain('pond.yaml:4:5');
    expect(edited.stderr).toContain('imagX');
  });
});

describe("the CLI's bundle", () => {
  it("is written as the function the loader compiles, which says 'use strict' first, so it runs in strict mode as the ES modules it is made of (compile-cache.test.ts)", () => {
    const text = fs.readFileSync(path.join(ROOT, 'dist/src/cli/pond.bundle.cjs'), 'latin1');
    expect(text.slice(0, text.indexOf('\n'))).toBe(`${WRAPPER[0]}'use strict';`);
    expect(text.endsWith(WRAPPER[1])).toBe(true);
  });
});

describe("the CLI's start", () => {
  it('loads no child_process: it is required on the first spawn only', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const loaded = await modulesLoaded(cwd, ['validate']);
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /child_process/.test(m))).toEqual([]);
  });

  it('loads no promise flavour of fs, readline or timers for validate: each is required on first use', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const loaded = await modulesLoaded(cwd, ['validate']);
    expect(loaded).toContain('NativeModule fs');
    const lazy = ['fs/promises', 'readline/promises', 'timers/promises'].map((m) => `NativeModule ${m}`);
    expect(loaded.filter((m) => lazy.includes(m))).toEqual([]);
  });

  it('runs as CommonJS: node starts no ES module loader for bin/pond', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const loaded = await modulesLoaded(cwd, ['validate']);
    expect(loaded).toContain('NativeModule internal/modules/cjs/loader');
    expect(loaded.filter((m) => /esm\/(module_job|translators|load)$/.test(m))).toEqual([]);
  });

  it("copies none of node's builtin modules: no module object is walked for its names", async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const hook = path.join(scratch, 'walked.cjs');
    // esbuild's interop copies a module by listing its names (Object.getOwnPropertyNames) and defining a getter each.
    fs.writeFileSync(
      hook,
      [
        "const mods = new Map(['fs', 'path', 'os', 'http', 'vm'].map((m) => [require('node:' + m), m]));",
        'const names = Object.getOwnPropertyNames;',
        'const walked = [];',
        'Object.getOwnPropertyNames = (o) => (mods.has(o) && walked.push(mods.get(o)), names(o));',
        "process.on('exit', () => process.stderr.write('\\nWALKED ' + walked.join('|') + '\\n'));",
      ].join('\n'),
    );
    const run = await pond(['validate'], { cwd, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(run.code).toBe(0);
    expect(run.stderr.split('WALKED ')[1]!.trim()).toBe('');
  });

  it('loads crypto only once something is hashed: not for --help, and for validate (a file read)', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    expect(await modulesLoaded(cwd, ['--help'])).not.toContain('NativeModule crypto');
    expect(await modulesLoaded(cwd, ['validate'])).toContain('NativeModule crypto');
  });
});

/** Node's list of the modules a successful `pond ARGS` run in `cwd` loaded, as it stood at exit. */
async function modulesLoaded(cwd: string, args: string[]): Promise<string[]> {
  const hook = path.join(scratch, 'loaded.cjs');
  fs.writeFileSync(
    hook,
    "process.on('exit', () => process.stderr.write('\\nLOADED ' + process.moduleLoadList.join('|') + '\\n'));\n",
  );
  const run = await pond(args, { cwd, env: { NODE_OPTIONS: `--require ${hook}` } });
  expect(run.code).toBe(0);
  return run.stderr.split('LOADED ')[1]!.trim().split('|');
}

/** Which of the CLI's side files (the YAML parsers, the schema's check) the run whose V8 coverage is in `dir` loaded. */
function sideFilesLoaded(dir: string): string[] {
  const out = new Set<string>();
  for (const file of fs.readdirSync(dir)) {
    const { result } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { result: { url: string }[] };
    for (const { url } of result) if (/\/dist\/src\/cli\/pond-[\w-]+\.cjs$/.test(url)) out.add(path.basename(url));
  }
  return [...out].sort();
}

describe('a command on an unchanged pond.yaml', () => {
  it('loads neither YAML parser nor the schema check: the kept entries answer, and they load only for first-time work', async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const cache = path.join(scratch, 'parsers');
    const runs = [];
    for (const name of ['parsing', 'kept']) {
      const coverage = path.join(scratch, `coverage-${name}`);
      const run = await pond(['validate'], { cwd, env: { POND_COMPILE_CACHE: cache, NODE_V8_COVERAGE: coverage } });
      expect(run.code).toBe(0);
      runs.push(sideFilesLoaded(coverage));
    }
    expect(runs).toEqual([['pond-js-yaml.cjs', 'pond-schema.cjs', 'pond-validator.cjs', 'pond-yaml.cjs'], []]);
  });
});

describe('plan and up on a guessed project', () => {
  it("write the engine calls on the socket before reading pond.yaml's configuration", async () => {
    const cwd = await projectDir({ 'pond.yaml': YAML });
    const hook = path.join(scratch, 'order.cjs');
    fs.writeFileSync(hook, ORDER_HOOK);
    const run = await pond(['plan'], { cwd, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(run.code).toBe(0);
    const seen = run.stderr.split('SEEN ')[1]!.trim().split('|');
    const read = seen.indexOf('read pond.yaml');
    expect(read).toBeGreaterThan(-1);
    expect(seen.slice(0, read).sort()).toEqual(['/_ping', '/containers/json', '/networks', '/volumes']);
  });
});

/**
 * Records, in order, each GET written on a socket and each opening of pond.yaml (the prefetch's guess
 * reads it with readFileSync, which opens it through neither of these: what is seen is the config read).
 */
const ORDER_HOOK = [
  "const fs = require('node:fs');",
  "const net = require('node:net');",
  'const seen = [];',
  "const opened = (p) => String(p).endsWith('pond.yaml') && seen.push('read pond.yaml');",
  'const openSync = fs.openSync;',
  'fs.openSync = function (p, ...rest) { opened(p); return openSync.call(this, p, ...rest); };',
  'const open = fs.promises.open;',
  'fs.promises.open = function (p, ...rest) { opened(p); return open.call(this, p, ...rest); };',
  "for (const m of ['_write', '_writev']) {",
  '  const write = net.Socket.prototype[m];',
  '  net.Socket.prototype[m] = function (data, ...rest) {',
  '    const text = String(Array.isArray(data) ? data[0].chunk : data);',
  '    if (/^GET \\//.test(text)) seen.push(text.split(/[ ?]/)[1]);',
  '    return write.call(this, data, ...rest);',
  '  };',
  '}',
  "process.on('exit', () => fs.writeSync(2, '\\nSEEN ' + seen.join('|') + '\\n'));",
].join('\n');
