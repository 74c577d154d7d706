import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers, ROOT } from './helpers/pond.js';
import { scenario, type Scenario } from './helpers/scenario.js';
import { tempDir } from '../support/temp-dir.js';

const lockDir = tempDir('pond-e2e-sig-locks-', { keep: 'file' });
const env = { POND_LOCK_DIR: lockDir };

/** pond in a process group of its own, signalled as a terminal or CI runner signals its job. */
function start(
  args: string[],
  s: Scenario,
): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/pond'), ...args], {
    cwd: s.dir,
    detached: true,
    env: { ...process.env, NO_COLOR: '1', ...s.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return { child, stderr: () => stderr, done };
}

/** testdata/signals/waiting/: a workload whose health check never passes, so `up` is still waiting when the signal comes. */
const waiting = (signal: string): Scenario =>
  scenario(`signals-${signal.toLowerCase()}`, { folder: 'signals/waiting' });

async function whenRunning(project: string, workload: string): Promise<void> {
  await eventually(async () => expect((await containers(project))[workload]?.state).toBe('running'), {
    timeoutMs: 30_000,
  });
}

describe('stop signals are handled like Ctrl-C', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    const s = waiting(signal);
    const { project } = s;
    it(`${signal} during up: finishes in-flight calls, prints the summary, releases the lock and exits ${code}`, async () => {
      const { child, done } = start(['up', '--wait-timeout', '120s'], s);
      await whenRunning(project, 'slow');
      process.kill(-child.pid!, signal);
      const end = await done;
      expect(end.code).toBe(code);
      expect(end.stderr).toContain(`interrupted (${signal})`);
      expect(end.stderr).toMatch(/Apply: .*in \d/);
      expect(await fs.readdir(lockDir)).not.toContain(`${project}.lock`);
      expect((await containers(project)).slow?.state).toBe('running');
    });
  }

  const stubborn = scenario('signals-stubborn', { folder: 'signals/stubborn' });
  const { project } = stubborn;
  it('a second signal exits at once, saying the state may be partial; the next up converges', async () => {
    expect((await stubborn.pond(['up'], env)).code).toBe(0);
    stubborn.use('two');
    const { child, stderr, done } = start(['up'], stubborn);
    await eventually(
      async () =>
        expect((await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).split('\n')).toHaveLength(
          2,
        ),
      { timeoutMs: 30_000 },
    );
    process.kill(-child.pid!, 'SIGTERM');
    await eventually(() => expect(stderr()).toContain('interrupted (SIGTERM)'));
    process.kill(-child.pid!, 'SIGTERM');
    const end = await done;
    expect(end.code).toBe(143);
    expect(end.stderr).toContain('the state may be partial');
    const rerun = await stubborn.pond(['up'], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const seen = await containers(project);
    expect(Object.keys(seen)).toEqual(['stubborn']);
    expect(seen.stubborn!.name).toBe(`${project}-stubborn`);
    expect(seen.stubborn!.env).toContain('MODE=two');
  });
});
