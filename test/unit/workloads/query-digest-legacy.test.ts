import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryHash } from '../../../src/workloads/query/content-hash.js';
import { DigestCache } from '../../../src/workloads/digest-cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Every kind of entry the hash distinguishes: files, an executable, a link, a nested folder, skipped folders, the output. */
function fixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-digest-legacy-'));
  dirs.push(dir);
  const put = (rel: string, body: string, mode = 0o644): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body, { mode });
  };
  put('data/a.csv', 'a\n1\n');
  put('data/b/c.csv', 'x,y\n');
  put('data/run.sh', '#!/bin/sh\n', 0o755);
  put('data/out/q.json', '[]');
  put('data/.git/HEAD', 'ref');
  put('data/.pond/cache/digests.json', '{}');
  put('one.csv', 'z\n');
  fs.chmodSync(path.join(dir, 'data/run.sh'), 0o755);
  fs.symlinkSync('a.csv', path.join(dir, 'data/link.csv'));
  return dir;
}

// Computed by the version that read every byte on every load: a cache must not replace any query on upgrade.
const BEFORE_THE_CACHE = '9dd0e16af7daefa7';

describe('query content hash with a digest cache', () => {
  it('equals what the hash was before the cache, with or without one, cold and warm', () => {
    const dir = fixture();
    const args: [string, string[], string, string] = [
      'SELECT 1',
      ['one.csv', 'data'],
      dir,
      path.join(dir, 'data/out/q.json'),
    ];
    expect(queryHash(...args)).toBe(BEFORE_THE_CACHE);
    const later = (): number => Date.now() + 3_600_000; // the files are old enough for their digests to be kept
    const cache = DigestCache.empty(dir);
    expect(queryHash(...args, { cache, now: later })).toBe(BEFORE_THE_CACHE);
    const warm = DigestCache.parse(dir, cache.serialize());
    expect(
      queryHash(...args, { cache: warm, now: later, read: () => expect.unreachable('a warm cache reads no bytes') }),
    ).toBe(BEFORE_THE_CACHE);
  });
});
