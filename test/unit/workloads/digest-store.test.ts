import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareProjectFiles } from '../../../src/session/prepare-files.js';
import { DigestCache } from '../../../src/workloads/digest-cache.js';
import { digestCacheFile, readDigestCache, saveDigestCache } from '../../../src/workloads/digest-store.js';
import { queryHash } from '../../../src/workloads/query/content-hash.js';
import { tempProject } from '../../support/project.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const query = '  q:\n    kind: query\n    sql: "SELECT 1"\n    inputs: [data]\n';
const later = (): number => Date.now() + 3_600_000;

async function project() {
  const p = await tempProject(query, { 'data/a.csv': 'a\n1\n', 'data/b.csv': 'b\n2\n' });
  dirs.push(p.dir);
  return p;
}

const hashOf = (dir: string, cache: DigestCache): string =>
  queryHash('SELECT 1', ['data'], dir, path.join(dir, 'out/q.json'), { cache, now: later });

describe('digest cache file (.pond/cache/digests.json)', () => {
  it('loading a project writes no cache; prepareProjectFiles writes it', async () => {
    const { dir, load } = await project();
    const loaded = await load();
    expect(fs.existsSync(path.join(dir, '.pond'))).toBe(false);
    prepareProjectFiles(loaded);
    expect(JSON.parse(fs.readFileSync(digestCacheFile(dir), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('is not written again when a load changed nothing', async () => {
    const { dir } = await project();
    const first = readDigestCache(dir);
    hashOf(dir, first);
    saveDigestCache(first);
    const written = fs.statSync(digestCacheFile(dir), { bigint: true });
    const next = readDigestCache(dir);
    hashOf(dir, next);
    expect(next.changed).toBe(false);
    saveDigestCache(next);
    expect(fs.statSync(digestCacheFile(dir), { bigint: true }).ino).toBe(written.ino); // a write renames a new file in
  });

  it('a corrupt cache is ignored and rebuilt', async () => {
    const { dir } = await project();
    fs.mkdirSync(path.dirname(digestCacheFile(dir)), { recursive: true });
    fs.writeFileSync(digestCacheFile(dir), '{"version":1,"files":');
    const cache = readDigestCache(dir);
    expect(hashOf(dir, cache)).toBe(hashOf(dir, DigestCache.empty(dir)));
    saveDigestCache(cache);
    expect(Object.keys(JSON.parse(fs.readFileSync(digestCacheFile(dir), 'utf8')).files).sort()).toEqual([
      'data/a.csv',
      'data/b.csv',
    ]);
  });

  it("another version's cache is not trusted, even where its fingerprints match", async () => {
    const { dir } = await project();
    const real = DigestCache.empty(dir);
    const truth = hashOf(dir, real);
    const poisoned = JSON.parse(real.serialize()) as { version: number; combined: Record<string, string> };
    for (const k of Object.keys(poisoned.combined)) poisoned.combined[k] = 'bad0bad0bad0bad0';
    expect(hashOf(dir, DigestCache.parse(dir, JSON.stringify(poisoned)))).not.toBe(truth); // the poison works at version 1
    expect(hashOf(dir, DigestCache.parse(dir, JSON.stringify({ ...poisoned, version: 2 })))).toBe(truth);
  });
});
