import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const s = scenario('limits');
const { project } = s;
let hostCpus: number;
const hostConfig = async (workload: string): Promise<{ Memory: number; NanoCpus: number }> =>
  JSON.parse(await docker('inspect', '-f', '{{json .HostConfig}}', `${project}-${workload}`));

beforeAll(async () => {
  await Promise.all(['node:22-slim', 'python:3.11-slim', 'postgres:15-alpine'].map((i) => waitForImage(i)));
  hostCpus = Number(await docker('info', '-f', '{{.NCPU}}'));
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
}, 180_000);

describe('default resource limits on the real engine', () => {
  it("a query's container gets 4 GiB and 2 CPUs, never more CPUs than the host has", async () => {
    const host = await hostConfig('plain');
    expect(host.Memory).toBe(4 * GiB);
    expect(host.NanoCpus).toBe(Math.min(2, hostCpus) * 1e9);
  });

  it("resources: on a query overrides the default, and CPUs above the host's count are lowered to it (the query still runs)", async () => {
    const host = await hostConfig('greedy');
    expect(host.Memory).toBe(GiB);
    expect(host.NanoCpus).toBe(hostCpus * 1e9);
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${project}-greedy`)).toBe('0');
  });

  it('memory: none and cpus: none leave a query unlimited', async () => {
    const host = await hostConfig('free');
    expect([host.Memory, host.NanoCpus]).toEqual([0, 0]);
  });

  it("a long-running bot's container gets 512 MiB", async () => {
    expect((await hostConfig('ticker')).Memory).toBe(512 * MiB);
  });

  it("a scheduled bot's run is held to 512 MiB by its own cgroup", async () => {
    const run = await s.pond(['run', 'nightly']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`limit ${512 * MiB}\\b`));
  });

  it('a persistent database gets the bounded durable default, 1 GiB', async () => {
    expect((await hostConfig('store')).Memory).toBe(GiB);
  });

  it('pond config shows the effective limits and says which are defaults', async () => {
    const config = await s.pond(['config', '--format', 'json']);
    expect(config.code, config.stderr).toBe(0);
    const w = JSON.parse(config.stdout).workloads;
    expect(w.plain.resources).toEqual({ memory: '4g', cpus: 2, defaults: ['cpus', 'memory'] });
    expect(w.greedy.resources).toEqual({ memory: '1g', cpus: 64 });
    expect(w.ticker.resources).toEqual({ memory: '512m', defaults: ['memory'] });
  });
});
