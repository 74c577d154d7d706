import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, eventually, uniqueProject } from '../integration/helpers/docker.js';
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
