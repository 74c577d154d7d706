import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, releaseHeldLocksNow } from '../../../src/lock/lock.js';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-lock-now-'));
});

const lockFile = (project: string): string => path.join(dir, `${project}.lock`);

describe('releaseHeldLocksNow (what cli/ runs on exit)', () => {
  it('removes every lock file this process still holds, synchronously', async () => {
    await acquireLock(dir, 'one', 'pond up', 0);
    await acquireLock(dir, 'two', 'pond up --watch', 0);
    releaseHeldLocksNow();
    expect([fs.existsSync(lockFile('one')), fs.existsSync(lockFile('two'))]).toEqual([false, false]);
  });

  it('leaves alone a lock released already and taken since by another holder', async () => {
    const mine = await acquireLock(dir, 'shared', 'pond up', 0);
    await mine.release();
    fs.writeFileSync(
      lockFile('shared'),
      JSON.stringify({ pid: 1, host: os.hostname(), command: 'pond down', since: new Date().toISOString() }),
    );
    releaseHeldLocksNow();
    expect(JSON.parse(fs.readFileSync(lockFile('shared'), 'utf8')).command).toBe('pond down');
  });
});
