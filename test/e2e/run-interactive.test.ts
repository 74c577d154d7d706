import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';
import { pondInPty, pondWithInput, pondWithoutInput } from './helpers/stdio.js';

const s = scenario('run-interactive');
const { project } = s;
const runs = async (): Promise<string[]> =>
  (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`, '--filter', 'label=dev.pond.run'))
    .split('\n')
    .filter(Boolean);
/** The one kept one-off's stdio settings as the engine recorded them, then it is removed. */
const keptStdio = async (): Promise<string> => {
  const [id, ...more] = await runs();
  expect(more).toEqual([]);
  const seen = await docker('inspect', '-f', 'tty={{.Config.Tty}} stdin={{.Config.OpenStdin}}', id!);
  await docker('rm', '-f', id!);
  return seen;
};

describe('pond run with stdin a pipe', () => {
  it('forwards it to the command, which sees its end, and removes the one-off afterwards', async () => {
    const r = await pondWithInput(['run', 'svc', 'cat'], 'hello\n', s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('hello\n');
    expect(await runs()).toEqual([]);
  });

  it("exits with the command's exit code", async () => {
    const r = await pondWithInput(['run', 'svc', 'sh', '-c', 'read x; exit 5'], 'x\n', s);
    expect(r.code, r.stderr).toBe(5);
  });

  it('keeps stdout and stderr apart (no TTY)', async () => {
    const r = await pondWithInput(['run', 'svc', 'sh', '-c', 'cat; echo to-err >&2'], 'to-out\n', s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('to-out\n');
    expect(r.stderr).toContain('to-err');
  });

  it('creates the one-off with an open stdin and no TTY', async () => {
    const r = await pondWithInput(['run', '--no-rm', 'svc', 'true'], '', s);
    expect(r.code, r.stderr).toBe(0);
    expect(await keptStdio()).toBe('tty=false stdin=true');
  });
});

describe('pond run with stdin /dev/null', () => {
  it('attaches no stdin and no TTY', async () => {
    const r = await pondWithoutInput(['run', '--no-rm', 'svc', 'cat'], s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(await keptStdio()).toBe('tty=false stdin=false');
  });
});

describe('pond run on a terminal', () => {
  it('gives the command a TTY', async () => {
    const r = await pondInPty(['run', 'svc', 'tty'], s).done;
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^\/dev\/pts\/\d+\r?\r\n/m);
  });

  it('with -T gives it none', async () => {
    const r = await pondInPty(['run', '-T', 'svc', 'tty'], s).done;
    expect(r.stdout).toContain('not a tty');
    expect(r.code).toBe(1);
  });

  it("forwards the terminal's size", async () => {
    const waitForSize =
      'i=0; while [ "$(stty size 2>/dev/null)" != "40 100" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; echo "size: $(stty size)"';
    const r = await pondInPty(['run', 'svc', 'sh', '-c', waitForSize], s, 'stty rows 40 cols 100; ').done;
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('size: 40 100');
  });

  it('delivers Ctrl-C to the command as a key, not as an interrupt of pond', async () => {
    const { child, done } = pondInPty(
      ['run', 'svc', 'sh', '-c', 'trap "echo got-int; exit 9" INT; echo ready; while :; do sleep 1; done'],
      s,
    );
    let seen = '';
    child.stdout.on('data', (c) => (seen += c));
    await eventually(() => expect(seen).toContain('ready'), { timeoutMs: 20_000 });
    child.stdin.write('\x03');
    const r = await done;
    expect(r.stdout).toContain('got-int');
    expect(r.code).toBe(9);
    expect(await runs()).toEqual([]);
  });
});
