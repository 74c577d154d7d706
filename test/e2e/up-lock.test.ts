import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { containers, pond, projectDir } from './helpers/pond.js';

// `up` takes a guessed project's lock before it reads pond.yaml when the lock is free (cli/commands/up.ts).
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-up-lock-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const BROKEN = 'version: 1\nname: uplockbroken\nworkloads:\n  web:\n    imagX: busybox:1.35\n';

describe('up and its project lock', () => {
  it('a broken pond.yaml gives back the lock it took early: no lock file is left, nothing is created', async () => {
    const cwd = await projectDir({ 'pond.yaml': BROKEN });
    const locks = path.join(scratch, 'free');
    const run = await pond(['up'], { cwd, env: { POND_LOCK_DIR: locks } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('pond.yaml:5:5');
    expect(fs.existsSync(locks) ? fs.readdirSync(locks) : []).toEqual([]);
    expect(await containers('uplockbroken')).toEqual({});
  });

  it('while another pond holds the lock, a broken pond.yaml is reported, not waited on, and the holder’s lock is untouched', async () => {
    const cwd = await projectDir({ 'pond.yaml': BROKEN });
    const locks = path.join(scratch, 'held');
    fs.mkdirSync(locks, { recursive: true });
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const file = path.join(locks, 'uplockbroken.lock');
      const held = JSON.stringify({
        pid: holder.pid,
        host: os.hostname(),
        command: 'pond up',
        since: new Date().toISOString(),
      });
      fs.writeFileSync(file, held);
      const run = await pond(['up', '--lock-timeout', '60s'], { cwd, env: { POND_LOCK_DIR: locks } });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('pond.yaml:5:5');
      expect(fs.readFileSync(file, 'utf8')).toBe(held);
    } finally {
      holder.kill();
    }
  });
});
