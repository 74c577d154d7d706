import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../integration/helpers/docker.js';
import { containers, mutationsSince } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';
import { SocketProxy } from './helpers/socket-proxy.js';
import { tempDir } from '../support/temp-dir.js';

const s = scenario('engine-outage');
const { project } = s;

describe('watch mode while the engine is away', () => {
  it('acts on nothing while the engine cannot be reached, then lists everything again and converges', async () => {
    const proxy = new SocketProxy(path.join(tempDir('pond-proxy-', { keep: 'file' }), 'docker.sock'));
    await proxy.open();
    let output = '';
    const child = s.start(['up', '--watch'], { DOCKER_HOST: proxy.dockerHost });
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', (d) => (output += d));
    await eventually(() => expect(output).toContain('watching'), { timeoutMs: 20_000 });
    const before = await containers(project);

    await proxy.cut();
    const since = Date.now();
    await eventually(
      () => expect(output).toMatch(/engine unreachable \(.*docker\.sock.*\); nothing will be changed until it answers/),
      { timeoutMs: 10_000 },
    );
    s.use('added');
    await eventually(() => expect(output).toMatch(/engine: retrying in 2s/), { timeoutMs: 10_000 });
    expect(await mutationsSince(project, since)).toEqual([]);
    expect(await containers(project)).toEqual(before);

    await proxy.open();
    await eventually(() => expect(output).toMatch(/engine is back after [\d.]+s; listed everything again/), {
      timeoutMs: 40_000,
    });
    await eventually(async () => expect(Object.keys(await containers(project)).sort()).toEqual(['added', 'api']), {
      timeoutMs: 20_000,
    });
    expect((await containers(project)).api!.id).toBe(before.api!.id);
  });
});
