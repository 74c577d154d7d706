import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ENTRIES, keepBetweenRuns, keptName } from '../../../src/config/kept.js';
import { parseCached } from '../../../src/config/parse-cache.js';
import { parseYaml } from '../../../src/config/parse.js';
import { encodeTree } from '../../../src/config/tree-codec.js';
import { load, project } from './helpers.js';
import { toData, type MapNode } from '../../../src/config/tree.js';

let dir: string;
const BUILD = '100-1-1-7';
const TEXT = 'version: 1\nworkloads:\n  api:\n    image: busybox:1.35\n    ports: ["8080:80"]\n';

beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pond-parse-cache-')), 'v8');
  keepBetweenRuns({ dir, build: BUILD });
});
afterEach(() => {
  keepBetweenRuns(undefined);
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

const entries = (): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

/** parseYaml's answer, with the data parseCached adds for a file with nothing to interpolate. */
function parsedWithData(file: string, text: string) {
  const parsed = parseYaml(file, text);
  return { ...parsed, data: toData(parsed.tree!) };
}

/** A kept entry holding `tree`, with its data. */
const entryOf = (tree: MapNode): string => JSON.stringify({ data: toData(tree), tree: encodeTree(tree)! });

/** Whether the tree's entries are still waiting to be decoded. */
const undecoded = (tree: MapNode): boolean => Object.getOwnPropertyDescriptor(tree, 'entries')?.get !== undefined;

describe('parseCached', () => {
  it('keeps a clean parse, private to the user, named after the text and the build', () => {
    const first = parseCached('/p/pond.yaml', TEXT);
    expect(first).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
    expect(entries()).toEqual([keptName('tree', BUILD, TEXT)]);
    expect(fs.statSync(path.join(dir, keptName('tree', BUILD, TEXT))).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('reads a kept entry instead of parsing: what it gives back is the entry’s tree, under the reader’s file name', () => {
    parseCached('/p/pond.yaml', TEXT);
    // Proof that the entry is what is read: one written for this text that holds another tree.
    const other = parseYaml('x', 'version: 1\nworkloads: {}\n').tree!;
    fs.writeFileSync(path.join(dir, keptName('tree', BUILD, TEXT)), entryOf(other));
    const read = parseCached('/q/pond.yaml', TEXT);
    expect(read.data).toEqual({ version: 1, workloads: {} });
    expect(undecoded(read.tree!)).toBe(true);
    expect(read.tree).toStrictEqual(parseYaml('/q/pond.yaml', 'version: 1\nworkloads: {}\n').tree);
    expect(undecoded(read.tree!)).toBe(true);
  });

  it('parses again, and rewrites the entry, when the entry is damaged, not private, or not the user’s', () => {
    parseCached('/p/pond.yaml', TEXT);
    const entry = path.join(dir, keptName('tree', BUILD, TEXT));
    fs.writeFileSync(entry, '{"data":{},"tree":"[2,1,1,');
    expect(parseCached('/p/pond.yaml', TEXT)).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
    expect(fs.readFileSync(entry, 'utf8')).toBe(entryOf(parseYaml('x', TEXT).tree!));
    // The format before data was kept: a bare tree.
    const small = parseYaml('x', 'version: 1\nworkloads: {}\n').tree!;
    fs.writeFileSync(entry, encodeTree(small)!);
    expect(parseCached('/p/pond.yaml', TEXT)).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
    // A tree held as arrays rather than as its text.
    fs.writeFileSync(entry, JSON.stringify({ data: toData(small), tree: JSON.parse(encodeTree(small)!) }));
    expect(parseCached('/p/pond.yaml', TEXT)).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
    fs.writeFileSync(entry, entryOf(parseYaml('x', 'version: 1\nworkloads: {}\n').tree!));
    fs.chmodSync(entry, 0o622);
    expect(parseCached('/p/pond.yaml', TEXT)).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
  });

  it('a different text, or another build, never meets the entry', () => {
    parseCached('/p/pond.yaml', TEXT);
    const edited = TEXT.replace('8080', '8081');
    expect(parseCached('/p/pond.yaml', edited)).toStrictEqual(parsedWithData('/p/pond.yaml', edited));
    keepBetweenRuns({ dir, build: '100-1-1-8' });
    expect(parseCached('/p/pond.yaml', TEXT)).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
    // The other build's two entries went when this build wrote its own.
    expect(entries()).toEqual([keptName('tree', '100-1-1-8', TEXT)]);
  });

  it('never keeps a file with a secret written in it, nor one that did not parse', () => {
    parseCached('/p/pond.yaml', 'version: 1\nworkloads:\n  db:\n    preset: postgres\n    password: hunter2-long\n');
    parseCached(
      '/p/pond.yaml',
      'version: 1\nworkloads:\n  w:\n    image: x\n    env: {DATABASE_URL: "postgres://u:pw-secret@h/db"}\n',
    );
    parseCached('/p/pond.yaml', 'version: 1\nx-deploy:\n  token: abcdef123456\nworkloads: {}\n');
    expect(parseCached('/p/pond.yaml', 'version: 1\nworkloads: [\n').diagnostics.length).toBeGreaterThan(0);
    expect(entries()).toEqual([]);
  });

  it('a workload named like a secret is not one: its file is kept', () => {
    const text = 'version: 1\nworkloads:\n  api-key-sync:\n    image: busybox:1.35\n';
    parseCached('/p/pond.yaml', text);
    expect(entries()).toEqual([keptName('tree', BUILD, text)]);
  });

  it(`keeps at most ${MAX_ENTRIES} entries, dropping the oldest`, () => {
    const texts = Array.from({ length: MAX_ENTRIES + 3 }, (_, i) => `version: 1\nname: p${i}\nworkloads: {}\n`);
    texts.forEach((text, i) => {
      parseCached('/p/pond.yaml', text);
      const when = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      fs.utimesSync(path.join(dir, keptName('tree', BUILD, text)), when, when);
    });
    const left = entries();
    expect(left).toHaveLength(MAX_ENTRIES);
    for (const text of texts.slice(0, 3)) expect(left).not.toContain(keptName('tree', BUILD, text));
    expect(left).toContain(keptName('tree', BUILD, texts.at(-1)!));
  });

  it('keeps no data for a file with something to interpolate, or a __proto__ key: its tree comes decoded', () => {
    for (const text of [
      'version: 1\nworkloads:\n  w:\n    image: busybox:${TAG}\n',
      'version: 1\nworkloads:\n  w:\n    image: x\n    labels: {__proto__: y}\n',
    ]) {
      for (const read of [parseCached('/p/pond.yaml', text), parseCached('/p/pond.yaml', text)]) {
        expect(read).toStrictEqual(parseYaml('/p/pond.yaml', text));
        expect(undecoded(read.tree!)).toBe(false);
      }
      expect(JSON.parse(fs.readFileSync(path.join(dir, keptName('tree', BUILD, text)), 'utf8')).data).toBeNull();
    }
  });

  it('a kept tree that cannot be decoded is the file parsed again, once asked for', () => {
    parseCached('/p/pond.yaml', TEXT);
    const entry = path.join(dir, keptName('tree', BUILD, TEXT));
    fs.writeFileSync(entry, JSON.stringify({ data: { version: 1 }, tree: '[2,1,1,["version",1,1,"not a node"]]' }));
    const read = parseCached('/p/pond.yaml', TEXT);
    expect(read.data).toEqual({ version: 1 });
    expect(read.tree).toStrictEqual(parseYaml('/p/pond.yaml', TEXT).tree);
  });

  it('is off until the CLI turns it on: nothing is written', () => {
    keepBetweenRuns(undefined);
    expect(parseCached('/p/pond.yaml', TEXT)).toStrictEqual(parsedWithData('/p/pond.yaml', TEXT));
    expect(entries()).toEqual([]);
  });
});

describe('loadConfig on a kept file with data', () => {
  const YAML = [
    'version: 1',
    'workloads:',
    '  api:',
    '    image: busybox:1.35',
    '    ports: ["8080:80"]',
    '    env: { MODE: fast }',
    '',
  ].join('\n');

  it('gives the data, variables and positions a fresh parse gives, leaving the tree undecoded', async () => {
    const folder = await project({ 'pond.yaml': YAML });
    keepBetweenRuns(undefined);
    const fresh = await load(folder);
    keepBetweenRuns({ dir, build: BUILD });
    await load(folder);
    const kept = await load(folder);
    expect(undecoded(kept.tree)).toBe(true);
    expect([kept.data, kept.variables, kept.secretValues]).toEqual([fresh.data, fresh.variables, fresh.secretValues]);
    for (const at of [
      ['workloads', 'api', 'image'],
      ['workloads', 'api', 'ports', 0],
      ['workloads', 'nope'],
    ])
      expect(kept.locate(at)).toEqual(fresh.locate(at));
    expect(kept.tree).toStrictEqual(fresh.tree);
  });
});
