import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryHash } from '../../../src/workloads/query/content-hash.js';
import { readChunks } from '../../../src/workloads/query/read-chunks.js';
import { DigestCache } from '../../../src/workloads/digest-cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A round mtime, so utimes can set it back exactly (it takes seconds as a double). */
const OLD = new Date('2026-01-01T00:00:00Z');
/** Files written by the test count as old: their digests are kept (see RACY_MS). */
const later = (): number => Date.now() + 3_600_000;

function project(): { dir: string; file: (rel: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-digest-'));
  dirs.push(dir);
  const file = (rel: string): string => path.join(dir, rel);
  fs.mkdirSync(file('data'));
  for (const [rel, body] of [
    ['data/a.csv', 'a\n1\n'],
    ['data/b.csv', 'b\n2\n'],
  ] as const) {
    fs.writeFileSync(file(rel), body);
    fs.utimesSync(file(rel), OLD, OLD);
  }
  return { dir, file };
}

/** The hash through `cache`, and which files' bytes were read for it. */
function hashed(dir: string, cache: DigestCache): { hash: string; reads: string[] } {
  const reads: string[] = [];
  const read = (f: string, onChunk: (b: Buffer) => void): void => {
    reads.push(path.relative(dir, f));
    readChunks(f, onChunk);
  };
  return {
    hash: queryHash('SELECT 1', ['data'], dir, path.join(dir, 'out/q.json'), { cache, read, now: later }),
    reads,
  };
}

/** A cache as the next command finds it: saved by this one, read back from its text. */
function warmed(dir: string): { cache: DigestCache; before: string } {
  const first = DigestCache.empty(dir);
  const before = hashed(dir, first).hash;
  return { cache: DigestCache.parse(dir, first.serialize()), before };
}

const uncached = (dir: string): string => queryHash('SELECT 1', ['data'], dir, path.join(dir, 'out/q.json'));

/** Waits (bounded) until `changed` holds, redoing `act`: the clock's granularity may hide a first change. */
function until(changed: () => boolean, act: () => void): void {
  const deadline = Date.now() + 5000;
  do act();
  while (!changed() && Date.now() < deadline);
  expect(changed()).toBe(true);
}

describe('query input digest cache', () => {
  it('reads no byte of an unchanged input and gives the same hash', () => {
    const { dir } = project();
    const { cache, before } = warmed(dir);
    expect(hashed(dir, cache)).toEqual({ hash: before, reads: [] });
  });

  it('reads only a touched file again (same content: same hash, the other file unread)', () => {
    const { dir, file } = project();
    const { cache, before } = warmed(dir);
    fs.utimesSync(file('data/a.csv'), new Date(), new Date());
    expect(hashed(dir, cache)).toEqual({ hash: before, reads: ['data/a.csv'] });
  });

  it('notices content rewritten with the same size and the mtime set back (ctime moves)', () => {
    const { dir, file } = project();
    const { cache, before } = warmed(dir);
    const old = fs.statSync(file('data/a.csv'), { bigint: true });
    until(
      () => fs.statSync(file('data/a.csv'), { bigint: true }).ctimeNs !== old.ctimeNs,
      () => {
        fs.writeFileSync(file('data/a.csv'), 'a\n9\n');
        fs.utimesSync(file('data/a.csv'), OLD, OLD);
      },
    );
    const now = fs.statSync(file('data/a.csv'), { bigint: true });
    expect([now.size, now.mtimeNs, now.ino]).toEqual([old.size, old.mtimeNs, old.ino]);
    const after = hashed(dir, cache).hash;
    expect(after).not.toBe(before);
    expect(after).toBe(uncached(dir));
  });

  it('notices a file replaced by another of the same name, size and mtime (a new inode)', () => {
    const { dir, file } = project();
    const { cache, before } = warmed(dir);
    const old = fs.statSync(file('data/a.csv'), { bigint: true });
    fs.writeFileSync(file('a.new'), 'a\n7\n');
    fs.utimesSync(file('a.new'), OLD, OLD);
    fs.renameSync(file('a.new'), file('data/a.csv'));
    const now = fs.statSync(file('data/a.csv'), { bigint: true });
    expect([now.size, now.mtimeNs]).toEqual([old.size, old.mtimeNs]);
    expect(now.ino).not.toBe(old.ino);
    const after = hashed(dir, cache).hash;
    expect(after).not.toBe(before);
    expect(after).toBe(uncached(dir));
  });

  it('notices a renamed file', () => {
    const { dir, file } = project();
    const { cache, before } = warmed(dir);
    fs.renameSync(file('data/b.csv'), file('data/c.csv'));
    const after = hashed(dir, cache).hash;
    expect(after).not.toBe(before);
    expect(after).toBe(uncached(dir));
  });

  it('notices a deleted file', () => {
    const { dir, file } = project();
    const { cache, before } = warmed(dir);
    fs.rmSync(file('data/b.csv'));
    const after = hashed(dir, cache).hash;
    expect(after).not.toBe(before);
    expect(after).toBe(uncached(dir));
  });

  it('notices a new file in an input folder', () => {
    const { dir, file } = project();
    const { cache, before } = warmed(dir);
    fs.writeFileSync(file('data/d.csv'), '');
    const after = hashed(dir, cache).hash;
    expect(after).not.toBe(before);
    expect(after).toBe(uncached(dir));
  });

  it('keeps no digest of a file changed (ctime) within RACY_MS of hashing: the next load reads it again', () => {
    const { dir } = project(); // just written: both ctimes are now, whatever utimes set
    const first = DigestCache.empty(dir);
    queryHash('SELECT 1', ['data'], dir, path.join(dir, 'out/q.json'), { cache: first });
    const reads: string[] = [];
    const read = (f: string, onChunk: (b: Buffer) => void): void => {
      reads.push(path.relative(dir, f));
      readChunks(f, onChunk);
    };
    queryHash('SELECT 1', ['data'], dir, path.join(dir, 'out/q.json'), {
      cache: DigestCache.parse(dir, first.serialize()),
      read,
    });
    expect(reads).toEqual(['data/a.csv', 'data/b.csv']);
  });
});
