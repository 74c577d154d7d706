import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../support/fault-proxy.js';
import { cleanupProject, docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';
import { tempDir } from '../support/temp-dir.js';

const s = scenario('engine-faults');
const { project } = s;
const network = `${project}_default`;
const foreign = `${project}-foreign`;

let proxy: FaultProxy;
const viaProxy = () => ({ DOCKER_HOST: proxy.dockerHost, POND_ENGINE_RETRY_MS: '3000' });

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  proxy = new FaultProxy(path.join(tempDir('h-faults-', { keep: 'file' }), 'docker.sock'));
  await proxy.open();
});

beforeEach(() => proxy.reset());

afterAll(async () => {
  await proxy?.close();
  await cleanupProject(project, { containers: [foreign] });
});

describe('pond through an engine connection that drops', () => {
  it('up whose create answer was lost ends with exactly the declared stack, each workload once and running', async () => {
    proxy.inject({ method: 'POST', path: /^\/containers\/create\?/, fault: { kind: 'drop-answer' } });
    const up = await s.pond(['up'], viaProxy());
    expect(up.code, up.stderr).toBe(0);
    const seen = await containers(project);
    expect(
      Object.values(seen)
        .map((c) => `${c.workload} ${c.state}`)
        .sort(),
    ).toEqual(['api running', 'worker running']);
    expect((await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).split('\n')).toHaveLength(2);
    expect(proxy.log.filter((r) => r.action === 'drop-answer')).toHaveLength(1);
  });

  it('ps with one dropped connection on the container list still lists the stack', async () => {
    proxy.inject({ method: 'GET', path: /^\/containers\/json\?/, fault: { kind: 'reset' } });
    const ps = await s.pond(['ps', '--format', 'json'], viaProxy());
    expect(ps.code, ps.stderr).toBe(0);
    const rows = (JSON.parse(ps.stdout) as { workloads: { workload: string; container: string }[] }).workloads;
    const seen = await containers(project);
    expect(rows.map((r) => r.workload).sort()).toEqual(['api', 'worker']);
    expect(rows.map((r) => r.container).sort()).toEqual([seen.api!.name, seen.worker!.name].sort());
    expect(
      proxy
        .requests('GET', /^\/containers\/json\?/)
        .map((r) => r.action)
        .slice(0, 2),
    ).toEqual(['reset', 'forwarded']);
  });

  it('down removes the network although a container pond does not own is still attached, and leaves that container running', async () => {
    const theirs = await docker('run', '-d', '--name', foreign, '--network', network, 'busybox:1.35', 'sleep', '3600');
    const down = await s.pond(['down'], viaProxy());
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).not.toMatch(/could not be removed/);
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${network}$`)).toBe('');
    expect(await containers(project)).toEqual({});
    expect(
      await docker('inspect', '--format', '{{.Id}} {{.State.Status}} {{len .NetworkSettings.Networks}}', foreign),
    ).toBe(`${theirs} running 0`);
  });

  it('down leaves a hand-made container that appeared while it ran (it only carries the project label), and removes the network anyway', async () => {
    expect((await s.pond(['up'], viaProxy())).code).toBe(0);
    proxy.inject({ method: 'DELETE', path: /^\/networks\//, fault: { kind: 'delay', ms: 4_000 } });
    const down = s.pond(['down'], viaProxy());
    await eventually(() => expect(proxy.requests('DELETE', /^\/networks\//)).not.toHaveLength(0), {
      timeoutMs: 30_000,
    });
    await docker(
      'run',
      '-d',
      '--name',
      `${project}-late`,
      '--label',
      `dev.pond.project=${project}`,
      '--label',
      'dev.pond.workload=late',
      '--init',
      '--network',
      network,
      'busybox:1.35',
      'sleep',
      '3600',
    );
    const done = await down;
    expect(done.code, done.stderr).toBe(0);
    expect(Object.keys(await containers(project))).toEqual(['late']);
    expect((await containers(project)).late!.state).toBe('running');
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${network}$`)).toBe('');
  });
});
