import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const loop = scenario('crashloop', { folder: 'crashloop/loop' });

describe('a crash loop under pond up --watch', () => {
  it('is restarted with growing backoff, and pond ps shows it', async () => {
    let output = '';
    const child = loop.start(['up', '--watch']);
    child.stderr.on('data', (d) => (output += d));
    await eventually(() => expect(output).toMatch(/restart 3 in a row; the next waits 4s/), { timeoutMs: 30_000 });
    expect(output).toMatch(/restart 1 in a row; the next waits 1s[\s\S]*restart 2 in a row; the next waits 2s/);
    const ps = await eventually(
      async () => {
        const doc = JSON.parse((await loop.pond(['ps', '--format', 'json'])).stdout);
        const flaky = doc.workloads.find((w: { workload: string }) => w.workload === 'flaky');
        expect(flaky.state).toMatch(/^exited \(1\), crash loop: restart in \d+s$/);
        return flaky;
      },
      { timeoutMs: 15_000 },
    );
    expect(ps.restarts).toBeGreaterThanOrEqual(3);
    expect(ps.self_heal_restarts).toBeGreaterThanOrEqual(3);
  });
});

describe('an unhealthy container under pond up --watch', () => {
  const sick = scenario('crashloop-sick', { folder: 'crashloop/sick' });

  it('is restarted once the engine reports it unhealthy', async () => {
    let output = '';
    const watcher = sick.start(['up', '--watch']);
    watcher.stderr.on('data', (d) => (output += d));
    await eventually(() => expect(output).toContain('watching'), { timeoutMs: 20_000 });
    const name = `${sick.project}-app`;
    const started = await docker('inspect', '-f', '{{.State.StartedAt}}', name);
    await docker('exec', name, 'rm', '/tmp/ok');
    await eventually(() => expect(output).toMatch(/self-heal: app is unhealthy → restart/), { timeoutMs: 20_000 });
    await eventually(
      async () => expect(await docker('inspect', '-f', '{{.State.Health.Status}}', name)).toBe('healthy'),
      { timeoutMs: 20_000 },
    );
    expect(await docker('inspect', '-f', '{{.State.StartedAt}}', name)).not.toBe(started);
  });
});
