import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LockHeldError } from '../../../src/errors.js';
import { acquireLock, tryLock } from '../../../src/lock/lock.js';
import { tempDir } from '../../support/temp-dir.js';

let dir = '';
beforeEach(async () => {
  dir = tempDir('pond-lock-');
});

describe('acquireLock', () => {
  it('refuses a second holder with exit 5, naming the first', async () => {
    const first = await acquireLock(dir, 'demo', 'pond up', 0);
    const second = await acquireLock(dir, 'demo', 'pond down', 0).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(LockHeldError);
    expect((second as LockHeldError).exitCode).toBe(5);
    expect((second as LockHeldError).message).toMatch(
      new RegExp(`^project "demo" is locked by pid ${process.pid} \\("pond up", since `),
    );
    await first.release();
  });

  it('waits up to the timeout and gets the lock once it is released', async () => {
    const first = await acquireLock(dir, 'demo', 'pond up', 0);
    setTimeout(() => void first.release(), 150);
    const second = await acquireLock(dir, 'demo', 'pond up', 5_000);
    await second.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const file = path.join(dir, 'demo.lock');
    await fs.writeFile(
      file,
      JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), command: 'pond up', since: 'then' }),
    );
    const lock = await acquireLock(dir, 'demo', 'pond up', 0);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('treats an unreadable lock file as held and says how to clear it', async () => {
    const file = path.join(dir, 'demo.lock');
    await fs.writeFile(file, '{"pid": "not a number"');
    const error = (await acquireLock(dir, 'demo', 'pond up', 0).catch((e: unknown) => e)) as LockHeldError;
    expect(error.message).toBe('project "demo" is locked by another pond process');
    expect(error.hint).toContain(`remove ${file} if that process is gone`);
  });

  it('lets only one of two racing processes take over a dead holder', async () => {
    const file = path.join(dir, 'demo.lock');
    await fs.writeFile(
      file,
      JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), command: 'pond up', since: 'then' }),
    );
    const results = await Promise.allSettled([acquireLock(dir, 'demo', 'a', 0), acquireLock(dir, 'demo', 'b', 0)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('releases only its own lock', async () => {
    const first = await acquireLock(dir, 'demo', 'pond up', 0);
    const file = path.join(dir, 'demo.lock');
    await fs.writeFile(
      file,
      JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'other', since: 'later' }),
    );
    await first.release();
    expect(JSON.parse(await fs.readFile(file, 'utf8')).command).toBe('other');
  });

  it('keeps projects apart', async () => {
    const a = await acquireLock(dir, 'a', 'pond up', 0);
    const b = await acquireLock(dir, 'b', 'pond up', 0);
    await Promise.all([a.release(), b.release()]);
  });
});

describe('tryLock', () => {
  it('takes a free lock before it returns, with nothing to await', async () => {
    const lock = tryLock(dir, 'demo', 'pond up');
    expect(lock).toBeDefined();
    const holder = JSON.parse(await fs.readFile(path.join(dir, 'demo.lock'), 'utf8'));
    expect([holder.pid, holder.command]).toEqual([process.pid, 'pond up']);
    await lock!.release();
    await expect(fs.stat(path.join(dir, 'demo.lock'))).rejects.toThrow();
  });

  it('answers undefined while another holds it, and leaves the holder its file', async () => {
    const first = await acquireLock(dir, 'demo', 'pond down', 0);
    const before = await fs.readFile(path.join(dir, 'demo.lock'), 'utf8');
    expect(tryLock(dir, 'demo', 'pond up')).toBeUndefined();
    expect(await fs.readFile(path.join(dir, 'demo.lock'), 'utf8')).toBe(before);
    await first.release();
  });

  it("leaves a dead holder's lock to acquireLock, which takes it over", async () => {
    const file = path.join(dir, 'demo.lock');
    const dead = JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), command: 'pond up', since: 'then' });
    await fs.writeFile(file, dead);
    expect(tryLock(dir, 'demo', 'pond up')).toBeUndefined();
    expect(await fs.readFile(file, 'utf8')).toBe(dead);
    const lock = await acquireLock(dir, 'demo', 'pond up', 0);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('makes the lock folder when it is missing', async () => {
    const lock = tryLock(path.join(dir, 'not', 'yet'), 'demo', 'pond up');
    expect(lock).toBeDefined();
    await lock!.release();
  });
});
