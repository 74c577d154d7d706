import { execFile } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { ROOT, type PondRun } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';
import { pondWithInput } from './helpers/stdio.js';

const s = scenario('exec');
const empty = scenario('exec-empty', { folder: 'exec/empty' });
const { project } = s;
const BIN = path.join(ROOT, 'bin/pond');
const env = { ...process.env, NO_COLOR: '1' };

/** pond under a pseudo-terminal (util-linux script), as a user at a terminal runs it. */
function pondInPty(args: string, before = ''): Promise<PondRun> {
  return new Promise((resolve) => {
    execFile(
      'script',
      ['-qec', `${before}${process.execPath} ${BIN} ${args}`, '/dev/null'],
      { cwd: s.dir, env: { ...env, ...s.env } },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const state = async (name: string) =>
  JSON.parse(await docker('inspect', '--format', '{{json .State}}', name)) as { Status: string; StartedAt: string };

beforeAll(async () => {
  await waitForImage('python:3.11-slim');
  const up = await s.pond(['up']);
  if (up.code !== 0) throw new Error(`pond up failed:\n${up.stderr}`);
}, 300_000);

describe('pond exec on the real engine', () => {
  it("exits with the command's exit code", async () => {
    const r = await s.pond(['exec', 'w', 'sh', '-c', 'exit 7']);
    expect(r.code).toBe(7);
  });

  it('runs with -e variables, in the -w folder, as the -u user', async () => {
    const r = await s.pond([
      'exec',
      '-e',
      'FOO=from-flag',
      '-w',
      '/tmp',
      '-u',
      '1234',
      'w',
      'sh',
      '-c',
      'echo $FOO; pwd; id -u',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['from-flag', '/tmp', '1234']);
  });

  it('passes options after the command to the command', async () => {
    const r = await s.pond(['exec', 'w', 'echo', '-u', 'x', '-e', 'y']);
    expect(r.stdout.trim()).toBe('-u x -e y');
  });

  it("takes -- between the workload and the command as the end of pond's options", async () => {
    const r = await s.pond(['exec', 'w', '--', 'sh', '-c', 'echo "$0 $1"', '--', '-x']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('-- -x');
  });

  it('runs in the container pond manages for the workload', async () => {
    const r = await s.pond(['exec', 'w', 'hostname']);
    const id = await docker('inspect', '--format', '{{.Id}}', `${project}-w`);
    expect(id.startsWith(r.stdout.trim())).toBe(true);
  });

  it('forwards piped stdin to the command, which sees its end', async () => {
    const r = await pondWithInput(['exec', 'w', 'sh', '-c', 'cat; echo done'], 'line one\nline two\n', s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('line one\nline two\ndone\n');
  });

  it('keeps stdout and stderr apart without a TTY', async () => {
    const r = await s.pond(['exec', 'w', 'sh', '-c', 'echo to-out; echo to-err >&2']);
    expect([r.stdout.trim(), r.stderr.trim()]).toEqual(['to-out', 'to-err']);
  });

  it('gives the command a pseudo-terminal when stdin is one', async () => {
    const r = await pondInPty('exec w tty');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^\/dev\/pts\/\d+\r?\r?\n/);
  });

  it("gives that terminal the size of pond's own", async () => {
    // Engines before API 1.42 take the size only after the start: a command reading it at once can race it.
    const poll = `for i in $(seq 300); do s=$(stty size 2>/dev/null); [ -n "$s" ] && [ "$s" != "0 0" ] && break; usleep 10000; done; echo "size $s"`;
    const r = await pondInPty(`exec w sh -c '${poll}'`, 'stty rows 33 cols 101; ');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('size 33 101');
  });

  it('-T runs without a terminal even when stdin is one', async () => {
    const r = await pondInPty('exec -T w tty');
    expect(r.stdout).toContain('not a tty');
    expect(r.code).toBe(1);
  });

  it("logs psql in as the database preset's own user, to its own database, without flags", async () => {
    const r = await s.pond(['exec', 'db', 'psql', '-tAc', 'select current_user, current_database(), 1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('analyst|sales|1');
    expect(r.stdout + r.stderr).not.toContain('exec-secret-pw');
  });

  it('feeds SQL piped into psql on the database preset', async () => {
    const r = await pondWithInput(['exec', 'db', 'psql', '-tA'], 'select 40 + 2;\n', s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('42');
  });

  it('runs bash in a notebook', async () => {
    const r = await s.pond(['exec', 'nb', 'bash', '-c', 'echo ok']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('ok');
  });

  it('refuses a stopped container with exit 3 and leaves it stopped', async () => {
    await docker('stop', '-t', '0', `${project}-idle`);
    const before = await state(`${project}-idle`);
    const r = await s.pond(['exec', 'idle', 'touch', '/tmp/ran']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('workload "idle" is not running (exited)');
    expect(r.stderr).toContain('pond start idle');
    expect(await state(`${project}-idle`)).toEqual(before);
  });

  it('refuses an unknown workload with exit 3, naming the known ones', async () => {
    const r = await s.pond(['exec', 'nope', 'true']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('hint: workloads: db, idle, nb, w');
  });

  it('refuses a missing command with exit 3', async () => {
    const r = await s.pond(['exec', 'w']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no command to run in "w"');
  });

  it('refuses a workload with no container: run pond up first', async () => {
    const r = await empty.pond(['exec', 'w', 'true']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('workload "w" has no container');
    expect(r.stderr).toContain('run pond up first');
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${empty.project}`)).toBe('');
  });
});
