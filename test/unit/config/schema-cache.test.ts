import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepBetweenRuns, keptName } from '../../../src/config/kept.js';
import { loadConfig } from '../../../src/config/load.js';
import { checkSchemaKept, dataKey } from '../../../src/config/schema-cache.js';
import { createLocator } from '../../../src/config/sourcemap.js';
import { parseYaml } from '../../../src/config/parse.js';
import { toData } from '../../../src/config/tree.js';

let dir: string;
const BUILD = '100-1-1-7';

beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pond-schema-cache-')), 'v8');
  keepBetweenRuns({ dir, build: BUILD });
});
afterEach(() => {
  keepBetweenRuns(undefined);
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

function config(text: string): { data: unknown; where: ReturnType<typeof createLocator> } {
  const tree = parseYaml('pond.yaml', text).tree!;
  return { data: toData(tree), where: createLocator(tree) };
}

const GOOD = 'version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n';
const BAD = 'version: 1\nworkloads:\n  web:\n    imagX: busybox:1.35\n';
const entries = (): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describe('checkSchemaKept', () => {
  it('keeps a pass, keyed by the data, and then does not check that data again', async () => {
    const { data, where } = config(GOOD);
    expect((await checkSchemaKept(data, where, false)).diagnostics).toEqual([]);
    const name = keptName('valid', BUILD, dataKey(data)!);
    expect(entries()).toEqual([name]);
    // Proof that the entry is what answers: kept for data that fails, it makes that data pass.
    const bad = config(BAD);
    fs.renameSync(path.join(dir, name), path.join(dir, keptName('valid', BUILD, dataKey(bad.data)!)));
    expect((await checkSchemaKept(bad.data, bad.where, false)).diagnostics).toEqual([]);
  });

  it("keeps a pass of one file's data as read keyed by that file's text, which no data's key can be", async () => {
    const { data, where } = config(GOOD);
    expect((await checkSchemaKept(data, where, false, GOOD)).diagnostics).toEqual([]);
    const name = keptName('valid', BUILD, `file\n${GOOD}`);
    expect(entries()).toEqual([name]);
    // The text answers, not the data: kept under BAD's text, the entry makes BAD's data pass.
    const bad = config(BAD);
    expect((await checkSchemaKept(bad.data, bad.where, false, BAD)).diagnostics).not.toEqual([]);
    fs.renameSync(path.join(dir, name), path.join(dir, keptName('valid', BUILD, `file\n${BAD}`)));
    expect((await checkSchemaKept(bad.data, bad.where, false, BAD)).diagnostics).toEqual([]);
    // A data key is JSON, so never starts with "file".
    expect(dataKey(bad.data)!.startsWith('{')).toBe(true);
  });

  it('loadConfig keys the pass of one plain file by its text, and of layered or interpolated files by their data', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-schema-load-'));
    try {
      const file = (name: string, text: string): string => (
        fs.writeFileSync(path.join(project, name), text),
        path.join(project, name)
      );
      const valid = (): string[] => entries().filter((e) => e.startsWith('valid-'));
      const one = await loadConfig({ files: [file('pond.yaml', GOOD)], env: {} });
      expect(valid()).toEqual([keptName('valid', BUILD, `file\n${GOOD}`)]);
      const ci = file('pond.ci.yaml', 'workloads:\n  web:\n    command: [sleep, "1"]\n');
      const layered = await loadConfig({ files: [path.join(project, 'pond.yaml'), ci], env: {} });
      const templated = await loadConfig({
        files: [file('t.yaml', GOOD.replace('1.35', '${TAG}'))],
        env: { TAG: '1.35' },
      });
      expect(valid().sort()).toEqual(
        [`file\n${GOOD}`, dataKey(layered.data)!, dataKey(templated.data)!]
          .map((k) => keptName('valid', BUILD, k))
          .sort(),
      );
      expect(templated.data).toEqual(one.data);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('never keeps a failure: it is checked and explained every time', async () => {
    const { data, where } = config(BAD);
    const first = await checkSchemaKept(data, where, false);
    expect(first.diagnostics.map((d) => d.code)).toEqual(['unknown-key']);
    expect(entries()).toEqual([]);
    expect(await checkSchemaKept(data, where, false)).toEqual(first);
  });

  it('keeps nothing, not even a hash, for data that holds a secret, or when keeping is off', async () => {
    const { data, where } = config(GOOD);
    await checkSchemaKept(data, where, true);
    keepBetweenRuns(undefined);
    await checkSchemaKept(data, where, false);
    expect(entries()).toEqual([]);
  });

  it('tells apart data that JSON would write alike', () => {
    const keys = [NaN, Infinity, -Infinity, null, 0, -0, '0', 'NaN'].map((v) => dataKey({ a: v })!);
    expect(new Set(keys).size).toBe(keys.length);
    // A key that could pass for the marking gives no key at all, so it can never meet NaN's.
    expect(dataKey({ a: { '\u0000number': 'NaN' } })).toBeUndefined();
  });
});
