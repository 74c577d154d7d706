import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers, mutationsSince } from './helpers/pond.js';
import { TESTDATA, scenario } from './helpers/scenario.js';

const s = scenario('watch');
const { project } = s;
/** The project as saved with worker's MODE set to `mode`: each test's save is an edit of the file, as an editor makes it. */
const stack = (mode: string): string =>
  readFileSync(path.join(TESTDATA, 'watch/pond.yaml'), 'utf8').replace('MODE: "a"', `MODE: "${mode}"`);

const file = s.at('pond.yaml');
let child: ReturnType<typeof s.start>;
let output = '';
let exited: Promise<number | null>;

/** Resolves with the output's length once `pattern` shows up after offset `from`. */
async function seen(pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<number> {
  return eventually(
    () => {
      const at = output.slice(from).search(pattern);
      if (at < 0) throw new Error(`not seen yet: ${pattern}\n--- output since ${from} ---\n${output.slice(from)}`);
      return from + at + 1;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

const applies = (from: number): number => (output.slice(from).match(/apply: Plan:/g) ?? []).length;
const envOf = async (w: string): Promise<string[]> => (await containers(project))[w]?.env ?? [];

beforeAll(async () => {
  child = s.start(['up', '--watch']);
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  exited = new Promise((resolve) => child.on('close', resolve));
  await seen(/watching .*pond\.yaml/);
});

afterAll(() => {
  child.kill('SIGKILL');
});

describe('pond up --watch', () => {
  it('a saved env change replaces only that container', async () => {
    const before = await containers(project);
    const mark = output.length;
    await fs.writeFile(file, stack('b'));
    await seen(/Apply: 1 done/, mark);
    const after = await containers(project);
    expect(after.api!.id).toBe(before.api!.id);
    expect(after.worker!.id).not.toBe(before.worker!.id);
    expect(after.worker!.env).toContain('MODE=b');
  });

  it('an invalid save prints its error with a location and touches nothing; the fix is applied', async () => {
    const ids = await containers(project);
    const mark = output.length;
    const since = Date.now();
    await fs.writeFile(
      file,
      stack('c').replace('image: busybox:1.35\n    command: [sh', 'imgae: busybox:1.35\n    command: [sh'),
    );
    await seen(/pond\.yaml:\d+:\d+ error\[unknown-key\]/, mark);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mutationsSince(project, since)).toEqual([]);
    expect(await containers(project)).toEqual(ids);
    const fixed = output.length;
    await fs.writeFile(file, stack('c'));
    await seen(/Apply: 1 done/, fixed);
    expect(await envOf('worker')).toContain('MODE=c');
  });

  it('a killed container comes back', async () => {
    const before = await containers(project);
    await docker('kill', before.worker!.name);
    await eventually(
      async () =>
        expect(await docker('inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', before.worker!.name)).toBe(
          'true 0',
        ),
      { timeoutMs: 20_000 },
    );
    expect(output).toMatch(/self-heal: worker is exited \(code 137\) → start/);
  });

  it('a container removed by hand is created again', async () => {
    const before = await containers(project);
    await docker('rm', '-f', before.api!.name);
    await eventually(
      async () => {
        const now = await containers(project);
        expect(now.api?.state).toBe('running');
        expect(now.api!.id).not.toBe(before.api!.id);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('ten saves within 200 ms make one apply, of the last version', async () => {
    const mark = output.length;
    for (let i = 0; i < 10; i++) {
      await fs.writeFile(file, stack(`burst${i}`));
      await new Promise((r) => setTimeout(r, 20));
    }
    await seen(/Apply: 1 done/, mark);
    await new Promise((r) => setTimeout(r, 1500));
    expect(applies(mark)).toBe(1);
    expect(await envOf('worker')).toContain('MODE=burst9');
  });

  it('an atomic save (write a temp file, rename it over pond.yaml) is seen', async () => {
    const mark = output.length;
    await fs.writeFile(`${file}.tmp`, stack('atomic'));
    await fs.rename(`${file}.tmp`, file);
    await seen(/Apply: 1 done/, mark);
    expect(await envOf('worker')).toContain('MODE=atomic');
  });

  it('holds the project lock: another up exits 5 naming the watch', async () => {
    const second = await s.pond(['up']);
    expect(second.code).toBe(5);
    expect(second.stderr).toContain(`is locked by pid ${child.pid} ("pond up --watch"`);
  });

  it('Ctrl-C stops watching with exit 130 and leaves the stack running', async () => {
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const now = await containers(project);
    expect(Object.values(now).map((c) => c.state)).toEqual(['running', 'running']);
  });
});
