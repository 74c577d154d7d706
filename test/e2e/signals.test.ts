import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, projectDir, ROOT } from './helpers/pond.js';
import { tempDir } from '../support/temp-dir.js';

const projects: string[] = [];
afterAll(async () => Promise.all(projects.map((p) => cleanupProject(p))));
const lockDir = tempDir('pond-e2e-sig-locks-', { keep: 'file' });
const env = { POND_LOCK_DIR: lockDir };

/** pond in a process group of its own, signalled as a terminal or CI runner signals its job. */
function start(args: string[], cwd: string): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/pond'), ...args], { cwd, detached: true, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, stderr: () => stderr, done };
}

/** A workload whose health check never passes, so `up` is still waiting when the signal comes. */
async function waitingProject(): Promise<{ project: string; dir: string }> {
  const project = uniqueProject('pond-e2e-sig');
  projects.push(project);
  const dir = await projectDir({
    'pond.yaml': `version: 1
name: ${project}
workloads:
  slow:
    image: busybox:1.35
    command: [sleep, "3600"]
    health: { exec: [test, -f, /tmp/never], interval: 1s }
`,
  });
  return { project, dir };
}

async function whenRunning(project: string, workload: string): Promise<void> {
  await eventually(async () => expect((await containers(project))[workload]?.state).toBe('running'), { timeoutMs: 30_000 });
}

describe('stop signals are handled like Ctrl-C', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} during up: finishes in-flight calls, prints the summary, releases the lock and exits ${code}`, async () => {
      const { project, dir } = await waitingProject();
      const { child, done } = start(['up', '--wait-timeout', '120s'], dir);
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

  it('a second signal exits at once, saying the state may be partial; the next up converges', async () => {
    const project = uniqueProject('pond-e2e-sig2');
    projects.push(project);
    const yaml = (mode: string): string => `version: 1
name: ${project}
workloads:
  stubborn:
    image: busybox:1.35
    command: [sleep, "3600"]
    init: false
    stop_grace_period: 15s
    env: { MODE: ${mode} }
`;
    const dir = await projectDir({ 'pond.yaml': yaml('one') });
    expect((await pond(['up'], { cwd: dir, env })).code).toBe(0);
    await fs.writeFile(path.join(dir, 'pond.yaml'), yaml('two'));
    const { child, stderr, done } = start(['up'], dir);
    await eventually(async () => expect((await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).split('\n')).toHaveLength(2), { timeoutMs: 30_000 });
    process.kill(-child.pid!, 'SIGTERM');
    await eventually(() => expect(stderr()).toContain('interrupted (SIGTERM)'));
    process.kill(-child.pid!, 'SIGTERM');
    const end = await done;
    expect(end.code).toBe(143);
    expect(end.stderr).toContain('the state may be partial');
    const rerun = await pond(['up'], { cwd: dir, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const seen = await containers(project);
    expect(Object.keys(seen)).toEqual(['stubborn']);
    expect(seen.stubborn!.name).toBe(`${project}-stubborn`);
    expect(seen.stubborn!.env).toContain('MODE=two');
  });
});
