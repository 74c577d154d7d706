import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { pond, pondProcess, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-crash');
let child: ReturnType<typeof pondProcess> | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await cleanupProject(project);
});

describe('a crash loop under pond up --watch', () => {
  it('is restarted with growing backoff, and pond ps shows it', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n  flaky:\n    image: busybox:1.35\n    command: [sh, -c, "sleep 0.2; exit 1"]\n`,
    });
    let output = '';
    child = pondProcess(['up', '--watch'], { cwd: dir });
    child.stderr.on('data', (d) => (output += d));
    await eventually(() => expect(output).toMatch(/restart 3 in a row; the next waits 4s/), { timeoutMs: 30_000 });
    expect(output).toMatch(/restart 1 in a row; the next waits 1s[\s\S]*restart 2 in a row; the next waits 2s/);
    const ps = await eventually(async () => {
      const doc = JSON.parse((await pond(['ps', '--format', 'json'], { cwd: dir })).stdout);
      const flaky = doc.workloads.find((w: { workload: string }) => w.workload === 'flaky');
      expect(flaky.state).toMatch(/^exited \(1\), crash loop: restart in \d+s$/);
      return flaky;
    }, { timeoutMs: 15_000 });
    expect(ps.restarts).toBeGreaterThanOrEqual(3);
    expect(ps.self_heal_restarts).toBeGreaterThanOrEqual(3);
  });
});

describe('an unhealthy container under pond up --watch', () => {
  const sick = uniqueProject('pond-e2e-sick');
  let watcher: ReturnType<typeof pondProcess> | undefined;
  afterAll(async () => {
    watcher?.kill('SIGKILL');
    await cleanupProject(sick);
  });

  it('is restarted once the engine reports it unhealthy', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: ${sick}
workloads:
  app:
    image: busybox:1.35
    command: [sh, -c, "touch /tmp/ok; exec sleep 3600"]
    health: { exec: "test -f /tmp/ok", interval: 1s, timeout: 1s, retries: 1 }
`,
    });
    let output = '';
    watcher = pondProcess(['up', '--watch'], { cwd: dir });
    watcher.stderr.on('data', (d) => (output += d));
    await eventually(() => expect(output).toContain('watching'), { timeoutMs: 20_000 });
    const name = `${sick}-app`;
    const started = await docker('inspect', '-f', '{{.State.StartedAt}}', name);
    await docker('exec', name, 'rm', '/tmp/ok');
    await eventually(() => expect(output).toMatch(/self-heal: app is unhealthy → restart/), { timeoutMs: 20_000 });
    await eventually(async () => expect(await docker('inspect', '-f', '{{.State.Health.Status}}', name)).toBe('healthy'), { timeoutMs: 20_000 });
    expect(await docker('inspect', '-f', '{{.State.StartedAt}}', name)).not.toBe(started);
  });
});
