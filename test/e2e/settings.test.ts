import { beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('settings');
const bad = scenario('settings-bad', { folder: 'settings/bad' });
const { project } = s;
const MB = 1024 * 1024;

interface Inspected {
  Id: string;
  Config: { WorkingDir: string; Hostname: string; StopSignal?: string };
  HostConfig: {
    ExtraHosts: string[] | null;
    Dns: string[] | null;
    ShmSize: number;
    Ulimits: { Name: string; Soft: number; Hard: number }[] | null;
    NetworkMode: string;
  };
}
const inspect = async (workload: string): Promise<Inspected> =>
  (JSON.parse(await docker('inspect', `${project}-${workload}`)) as Inspected[])[0]!;
const pageFromB = () =>
  eventually(() => docker('exec', `${project}-b`, 'wget', '-qO-', 'http://127.0.0.1:8080/'), {
    timeoutMs: 15_000,
    intervalMs: 200,
  });

beforeAll(async () => {
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
}, 120_000);

describe('workload settings on the real engine', () => {
  it('working_dir, hostname and stop_signal reach the container config', async () => {
    const { Config } = await inspect('a');
    expect([Config.WorkingDir, Config.Hostname, Config.StopSignal]).toEqual(['/srv', 'api.local', 'SIGINT']);
    expect(await docker('exec', `${project}-a`, 'sh', '-c', 'pwd; hostname')).toBe('/srv\napi.local');
  });

  it('extra_hosts, dns, shm_size and ulimits reach the host config, and the process sees them', async () => {
    const { HostConfig } = await inspect('a');
    expect(HostConfig.ExtraHosts).toEqual(['warehouse.local:10.1.2.3']);
    expect(HostConfig.Dns).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(HostConfig.ShmSize).toBe(256 * MB);
    expect(HostConfig.Ulimits).toEqual([
      { Name: 'nofile', Soft: 1024, Hard: 4096 },
      { Name: 'nproc', Soft: 512, Hard: 512 },
    ]);
    expect(
      await docker(
        'exec',
        `${project}-a`,
        'sh',
        '-c',
        'grep -c "10.1.2.3.*warehouse.local" /etc/hosts; ulimit -n; ulimit -Hn',
      ),
    ).toBe('1\n1024\n4096');
  });

  it("network: workload:a runs in a's network namespace and reaches a's port on localhost", async () => {
    const a = await inspect('a');
    expect((await inspect('b')).HostConfig.NetworkMode).toBe(`container:${a.Id}`);
    expect(await pageFromB()).toBe('hello-from-a');
  });

  it('a postgres database with args: ["-c", "wal_level=logical"] runs with logical WAL', async () => {
    expect(
      await docker(
        'exec',
        `${project}-db`,
        'psql',
        '-h',
        '127.0.0.1',
        '-U',
        'pond',
        '-d',
        'pond',
        '-tAc',
        'show wal_level',
      ),
    ).toBe('logical');
  });

  it('a second up with the same settings changes nothing', async () => {
    const before = await containers(project);
    const plan = await s.pond(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const after = await containers(project);
    expect(Object.fromEntries(Object.entries(after).map(([w, c]) => [w, c.id]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([w, c]) => [w, c.id])),
    );
  });

  it('a changed setting replaces the container, the plan names the field, and the joiner follows into the new namespace', async () => {
    const before = await containers(project);
    s.use('512m');
    const plan = await s.pond(['plan']);
    expect(plan.stdout).toMatch(/-\/\+ container a\s+shm_size: "256m" → "512m"/);
    expect(plan.stdout).toMatch(/-\/\+ container b\s+joins the network of a, which is replaced/);
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const after = await containers(project);
    expect(after.a!.id).not.toBe(before.a!.id);
    expect(after.b!.id).not.toBe(before.b!.id);
    expect(after.db!.id).toBe(before.db!.id);
    expect((await inspect('a')).HostConfig.ShmSize).toBe(512 * MB);
    expect((await inspect('b')).HostConfig.NetworkMode).toBe(`container:${after.a!.id}`);
    expect(await pageFromB()).toBe('hello-from-a');
  }, 60_000);

  it("when a's container starts again, up restarts b so it joins a's new namespace", async () => {
    await docker('stop', '-t', '1', `${project}-a`);
    const startedBefore = await docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-b`);
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr + up.stdout).toContain('joins the network of a, which starts again');
    expect(await docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-b`)).not.toBe(startedBefore);
    expect(await pageFromB()).toBe('hello-from-a');
  }, 60_000);

  it('network: workload:nope exits 3 at its line and column with a hint, and creates nothing', async () => {
    const up = await bad.pond(['up']);
    expect(up.code).toBe(3);
    expect(up.stderr).toContain(
      'pond.yaml:8:14 error[shared-network]: network: workload:nope names no workload of this project',
    );
    expect(up.stderr).toMatch(/hint: .*workloads: a, b/);
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${bad.project}`)).toBe('');
    expect(await docker('network', 'ls', '-q', '--filter', `label=dev.pond.project=${bad.project}`)).toBe('');
  });
});
