import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { containers, ROOT } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('logs');
const { project } = s;
const id = async (workload: string): Promise<string> => (await containers(project))[workload]!.id;
const dockerLines = async (workload: string, ...args: string[]): Promise<string[]> =>
  (await docker('logs', ...args, await id(workload))).split('\n').filter(Boolean);
const counterOf = (line: string): number => Number(/-(\d+)$/.exec(line)?.[1] ?? NaN);

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
  await eventually(async () => expect((await dockerLines('a')).length).toBeGreaterThan(10), {
    timeoutMs: 20_000,
    intervalMs: 200,
  });
  await eventually(async () => expect(await dockerLines('chatty', '--tail', '1')).toEqual(['20000']), {
    timeoutMs: 20_000,
    intervalMs: 200,
  });
}, 120_000);

afterAll(async () => {
  await s.pond(['down']);
});

describe('pond logs on a real engine', () => {
  it("logs -f a streams a's new lines, and never b's, until SIGINT", async () => {
    const before = Math.max(...(await dockerLines('a')).map(counterOf));
    const child = s.start(['logs', '-f', 'a']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(() => expect(out.split('\n').some((l) => counterOf(l) > before + 3)).toBe(true), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = out.split('\n').filter(Boolean);
    expect(lines.every((l) => l.startsWith('a | a-'))).toBe(true);
    // b's lines would read `b | b-N`; a's own hostname may end in "b", so `a-…b-N` is no sign of them.
    expect(out).not.toMatch(/^b \| /m);
  }, 60_000);

  it('--since and --until select by the time the engine stamped each line', async () => {
    const stamped = (await dockerLines('a', '-t')).slice(0, 20);
    const [time, text] = stamped[10]!.split(' ') as [string, string];
    const since = await s.pond(['logs', '--no-log-prefix', '--since', time, 'a']);
    const until = await s.pond(['logs', '--no-log-prefix', '--until', time, 'a']);
    expect(since.code, since.stderr).toBe(0);
    expect(since.stdout.split('\n')[0]).toBe(text);
    expect(until.stdout.trimEnd().split('\n')).toEqual(stamped.slice(0, 11).map((l) => l.split(' ')[1]));
  });

  it('--since as a duration leaves out older lines', async () => {
    const all = await dockerLines('a');
    const recent = await s.pond(['logs', '--no-log-prefix', '--since', '1s', 'a']);
    const lines = recent.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(all.length);
    expect(counterOf(lines[0]!)).toBeGreaterThan(counterOf(all[0]!));
  });

  it('--no-log-prefix prints the lines exactly as docker logs does', async () => {
    const ours = await s.pond(['logs', '--no-log-prefix', '-n', '5', 'chatty']);
    expect(ours.stdout.trimEnd().split('\n')).toEqual(await dockerLines('chatty', '--tail', '5'));
  });

  it('the name prefix is coloured only when stdout is a terminal and NO_COLOR is unset', async () => {
    const line = `"${process.execPath}" "${path.join(ROOT, 'bin/pond')}" logs -n 1 chatty`;
    const tty = await pondSh(`script -qec '${line}' /dev/null`, { NO_COLOR: '' });
    const ttyNoColor = await pondSh(`script -qec '${line}' /dev/null`, { NO_COLOR: '1' });
    const piped = await pondSh(`script -qec '${line} | cat' /dev/null`, { NO_COLOR: '' }); // stderr still a terminal
    expect(tty.stdout).toMatch(/\x1b\[\d+mchatty \|\x1b\[0m 20000/);
    expect(ttyNoColor.stdout).not.toContain('\x1b[');
    expect(piped.stdout).toContain('chatty | 20000');
    expect(piped.stdout).not.toContain('\x1b[');
  });

  it.each([['logs'], ['logs -f']])('pond %s | head -1 exits 0 with nothing on stderr', async (cmd) => {
    const line = `{ "${process.execPath}" "${path.join(ROOT, 'bin/pond')}" ${cmd} chatty; echo "pond exited $?" >&2; } | head -1`;
    const run = await pondSh(line);
    expect(run.stdout).toBe('chatty | 1\n');
    expect(run.stderr).toBe('pond exited 0\n');
  });

  it("after a replace, pond logs shows the old container's last line, saved to a bounded .pond/logs file", async () => {
    const old = await id('a');
    s.use('2');
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(await id('a')).not.toBe(old);
    const logs = await s.pond(['logs', 'a']);
    expect(logs.stdout).toContain(`a (previous) | a-bye-${old.slice(0, 12)}\n`);
    const saved = (await fs.readFile(s.at('.pond/logs/a.log'), 'utf8')).trimEnd().split('\n');
    expect(saved.at(-1)).toMatch(new RegExp(` a-bye-${old.slice(0, 12)}$`));
    const chatty = await fs.readFile(s.at('.pond/logs/chatty.log'), 'utf8');
    expect(
      chatty
        .trimEnd()
        .split('\n')
        .map((l) => l.split(' ')[1]),
    ).toEqual(Array.from({ length: 1000 }, (_, i) => String(19_001 + i)));
    expect(Buffer.byteLength(chatty)).toBeLessThanOrEqual(1024 * 1024);
  }, 120_000);

  it("logs -f a keeps streaming when pond up replaces the container: the old one's goodbye, then the new one's lines", async () => {
    const old = await id('a');
    const child = s.start(['logs', '-f', '--no-log-prefix', 'a']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(() => expect(out).toContain(`a-${old.slice(0, 12)}-`), { timeoutMs: 20_000, intervalMs: 100 });
    s.use('3');
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const fresh = (await id('a')).slice(0, 12);
    await eventually(() => expect(out).toContain(`a-${fresh}-2\n`), { timeoutMs: 20_000, intervalMs: 100 });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = out.split('\n');
    expect(lines.indexOf(`a-bye-${old.slice(0, 12)}`)).toBeGreaterThan(-1);
    expect(lines.indexOf(`a-bye-${old.slice(0, 12)}`)).toBeLessThan(lines.indexOf(`a-${fresh}-1`));
  }, 120_000);
});

/** Runs a shell line (pipes, a pty through script) with pond's env; colours off unless `env` says otherwise. */
function pondSh(line: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', line],
      { cwd: s.dir, env: { ...process.env, NO_COLOR: '1', CI: '', ...s.env, ...env } },
      (_err, stdout, stderr) => resolve({ stdout, stderr }),
    );
  });
}
