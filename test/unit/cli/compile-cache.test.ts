import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRAPPER, cacheDir, cacheName, loadBundle, provisionalName } from '../../../src/cli/compile-cache.js';

let root: string;
let bundle: string;
let dir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-compile-cache-'));
  bundle = path.join(root, 'cli.bundle.cjs');
  dir = path.join(root, 'cache', 'v8');
  write('A');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A small CommonJS bundle whose answer is one letter, so an edit keeps its length. */
function write(letter: string): void {
  fs.writeFileSync(
    bundle,
    `const path = require('node:path');\nfunction answer() { return '${letter}' + path.sep.length; }\nexports.answer = answer;\nexports.file = __filename;\n`,
  );
}
type Exports = { answer(): string; file: string };
const caches = (): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')) : []);

describe('cacheDir', () => {
  it("is pond/v8 under XDG_CACHE_HOME, else under the home's .cache", () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/x/cache' }, '/home/u')).toBe('/x/cache/pond/v8');
    expect(cacheDir({}, '/home/u')).toBe('/home/u/.cache/pond/v8');
  });

  it('POND_COMPILE_CACHE names the folder, or 0/off switches it off, as does Node’s NODE_DISABLE_COMPILE_CACHE', () => {
    expect(cacheDir({ POND_COMPILE_CACHE: '/c' }, '/home/u')).toBe('/c');
    expect(cacheDir({ POND_COMPILE_CACHE: '0' }, '/home/u')).toBeUndefined();
    expect(cacheDir({ POND_COMPILE_CACHE: 'off' }, '/home/u')).toBeUndefined();
    expect(cacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' }, '/home/u')).toBeUndefined();
  });

  it('is undefined with no home to keep it in', () => {
    expect(cacheDir({}, '')).toBeUndefined();
  });
});

describe('loadBundle', () => {
  it('reads a bundle with non-ASCII text as UTF-8 (an ASCII one is read as latin1, the same text)', () => {
    fs.writeFileSync(bundle, "exports.answer = () => 'é→😀';\n");
    expect(loadBundle<Exports>(bundle, undefined).exports.answer()).toBe('é→😀');
    write('A');
    expect(loadBundle<Exports>(bundle, undefined).exports.answer()).toBe('A1');
  });

  it("runs a bundle that starts with 'use strict' in strict mode, and one that does not in sloppy mode", () => {
    fs.writeFileSync(bundle, "'use strict';\nexports.strict = (function () { return this === undefined; })();\n");
    expect(loadBundle<{ strict: boolean }>(bundle, undefined).exports.strict).toBe(true);
    fs.writeFileSync(
      bundle,
      "var x;\n'use strict';\nexports.strict = (function () { return this === undefined; })();\n",
    );
    expect(loadBundle<{ strict: boolean }>(bundle, undefined).exports.strict).toBe(false);
  });

  it('runs a bundle written as the wrapped function as it is, and one without the wrapper wrapped', () => {
    const body = "exports.answer = () => 'W' + typeof module + typeof __dirname;";
    fs.writeFileSync(bundle, `${WRAPPER[0]}${body}${WRAPPER[1]}`);
    expect(loadBundle<Exports>(bundle, undefined).exports.answer()).toBe('Wobjectstring');
    fs.writeFileSync(bundle, body);
    expect(loadBundle<Exports>(bundle, undefined).exports.answer()).toBe('Wobjectstring');
  });

  it('loads a side file the bundle requires through a cache of its own, written once, after the run that used it', () => {
    const side = path.join(root, 'pond-side.cjs');
    fs.writeFileSync(side, "exports.answer = () => 'S' + require('node:path').sep.length;\n");
    fs.writeFileSync(
      bundle,
      "exports.answer = () => require('./pond-side.cjs').answer();\nexports.file = __filename;\n",
    );
    const first = loadBundle<Exports>(bundle, dir);
    first.save();
    expect(caches()).toEqual([cacheName(bundle)]);
    const second = loadBundle<Exports>(bundle, dir);
    expect(second.exports.answer()).toBe('S1');
    second.save();
    expect(caches().sort()).toEqual([cacheName(bundle), cacheName(side)].sort());
    const written = fs.statSync(path.join(dir, cacheName(side)));
    const third = loadBundle<Exports>(bundle, dir);
    expect(third.exports.answer()).toBe('S1');
    third.save();
    expect(fs.statSync(path.join(dir, cacheName(side))).mtimeMs).toBe(written.mtimeMs);
  });

  it('runs the bundle as CommonJS: its require, exports and __filename are its own', () => {
    const cli = loadBundle<Exports>(bundle, undefined);
    expect(cli.exports.answer()).toBe('A1');
    expect(cli.exports.file).toBe(bundle);
    cli.save();
    expect(caches()).toEqual([]);
  });

  it('writes the cache after the first run, private to the user, and the next load takes it', () => {
    const first = loadBundle<Exports>(bundle, dir);
    expect(first.fromCache).toBe(false);
    first.exports.answer();
    first.save();
    expect(caches()).toEqual([cacheName(bundle)]);
    expect(fs.statSync(path.join(dir, cacheName(bundle))).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);

    const second = loadBundle<Exports>(bundle, dir);
    expect(second.fromCache).toBe(true);
    expect(second.exports.answer()).toBe('A1');
  });

  it('a run that did first-time work keeps a provisional cache, which a steady run that took it removes', () => {
    const first = loadBundle<Exports>(bundle, dir);
    first.save(false);
    const provisional = path.basename(provisionalName(cacheName(bundle)));
    expect(caches()).toEqual([provisional]);
    const written = fs.statSync(path.join(dir, provisional));

    // Taken by the next load; another run with first-time work leaves it as it is.
    const again = loadBundle<Exports>(bundle, dir);
    expect(again.fromCache).toBe(true);
    expect(again.exports.answer()).toBe('A1');
    again.save(false);
    expect(fs.statSync(path.join(dir, provisional)).mtimeMs).toBe(written.mtimeMs);

    // A steady run that took it removes it; the next run compiles afresh and, steady, keeps its own
    // cache, which from then on is taken and never written again.
    const steady = loadBundle<Exports>(bundle, dir);
    expect(steady.fromCache).toBe(true);
    steady.save(true);
    expect(caches()).toEqual([]);
    const fresh = loadBundle<Exports>(bundle, dir);
    expect(fresh.fromCache).toBe(false);
    expect(fresh.exports.answer()).toBe('A1');
    fresh.save(true);
    expect(caches()).toEqual([cacheName(bundle)]);
    const kept = fs.statSync(path.join(dir, cacheName(bundle)));
    expect(kept.mode & 0o777).toBe(0o600);
    for (const steadyRun of [true, false]) {
      const later = loadBundle<Exports>(bundle, dir);
      expect(later.fromCache).toBe(true);
      later.save(steadyRun);
    }
    const after = fs.statSync(path.join(dir, cacheName(bundle)));
    expect([after.ino, after.mtimeMs, caches()]).toEqual([kept.ino, kept.mtimeMs, [cacheName(bundle)]]);
  });

  it('a rebuilt bundle of the same length, its mtime set back, meets no old cache and runs its new code', () => {
    fs.utimesSync(bundle, 1_000_000_000, 1_000_000_000);
    const first = loadBundle<Exports>(bundle, dir);
    first.save();
    const before = fs.statSync(bundle);
    const oldName = cacheName(bundle);
    write('B');
    fs.utimesSync(bundle, 1_000_000_000, 1_000_000_000);
    const after = fs.statSync(bundle);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);

    const again = loadBundle<Exports>(bundle, dir);
    expect(cacheName(bundle)).not.toBe(oldName);
    expect(again.fromCache).toBe(false);
    expect(again.exports.answer()).toBe('B1');
    again.save();
    expect(caches()).toEqual([cacheName(bundle)]);
  });

  it('a damaged cache is refused by V8, the code still runs, and save writes a good one', () => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, cacheName(bundle)), Buffer.alloc(4096, 7), { mode: 0o600 });
    const cli = loadBundle<Exports>(bundle, dir);
    expect(cli.fromCache).toBe(false);
    expect(cli.exports.answer()).toBe('A1');
    cli.save();
    expect(loadBundle<Exports>(bundle, dir).fromCache).toBe(true);
  });

  it('a cache others may write is not read', () => {
    loadBundle<Exports>(bundle, dir).save();
    fs.chmodSync(path.join(dir, cacheName(bundle)), 0o666);
    const cli = loadBundle<Exports>(bundle, dir);
    expect(cli.fromCache).toBe(false);
    expect(cli.exports.answer()).toBe('A1');
  });

  it('an unwritable cache folder costs only the compile: save does not throw', () => {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(dir, 'not a folder');
    const cli = loadBundle<Exports>(bundle, dir);
    expect(cli.exports.answer()).toBe('A1');
    expect(() => cli.save()).not.toThrow();
  });
});
