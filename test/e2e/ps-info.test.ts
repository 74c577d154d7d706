import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, waitForImage } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('ps-info');
const { project } = s;

interface Inspected {
  Id: string;
  State: { Status: string; Pid: number; StartedAt: string };
  Config: { Labels: Record<string, string> };
}

const inspect = async (): Promise<Inspected[]> => {
  const ids = (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).split('\n').filter(Boolean);
  return JSON.parse(await docker('inspect', ...ids)) as Inspected[];
};

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
  await docker('stop', (await containers(project)).stopped!.id);
}, 120_000);

afterAll(async () => {
  await s.pond(['down']);
  await cleanupProject(project);
});

describe('pond ps -q / --status and pond info on a real engine', () => {
  it('ps -q prints exactly the ids docker ps -aq prints for the project', async () => {
    const ours = await s.pond(['ps', '-q']);
    expect(ours.code, ours.stderr).toBe(0);
    const theirs = await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`);
    expect(ours.stdout.trimEnd().split('\n').sort()).toEqual(theirs.split('\n').sort());
  });

  it('ps --status exited lists exactly the containers docker reports exited', async () => {
    const ps = await s.pond(['ps', '--status', 'exited', '--format', 'json']);
    expect(ps.code, ps.stderr).toBe(0);
    const listed = (JSON.parse(ps.stdout).workloads as { workload: string }[]).map((r) => r.workload);
    const exited = (await inspect())
      .filter((c) => c.State.Status === 'exited')
      .map((c) => c.Config.Labels['dev.pond.workload']);
    expect(listed).toEqual(['stopped']);
    expect(listed).toEqual(exited);
  });

  it('ps --status is repeatable and -q keeps to it', async () => {
    const ps = await s.pond(['ps', '-a', '-q', '--status', 'running', '--status', 'paused']);
    const running = (await inspect()).filter((c) => c.State.Status === 'running').map((c) => c.Id.slice(0, 12));
    expect(ps.stdout.trimEnd().split('\n').sort()).toEqual(running.sort());
  });

  it('ps --status with a state docker has no name for exits 3', async () => {
    const ps = await s.pond(['ps', '--status', 'stopped']);
    expect(ps.code).toBe(3);
    expect(ps.stderr).toContain('--status "stopped"');
  });

  it('info --format json carries the id, pid and start time docker inspect reports', async () => {
    const info = await s.pond(['info', '--format', 'json']);
    expect(info.code, info.stderr).toBe(0);
    const rows = JSON.parse(info.stdout).workloads as {
      workload: string;
      id: string;
      pid?: number;
      started_at: string;
    }[];
    for (const c of await inspect()) {
      const row = rows.find((r) => r.workload === c.Config.Labels['dev.pond.workload'])!;
      expect(row.id).toBe(c.Id);
      expect(row.pid).toBe(c.State.Pid || undefined);
      expect(row.started_at).toBe(c.State.StartedAt);
    }
  });

  it("info names a service's URL on the host port docker published", async () => {
    const info = await s.pond(['info', 'web', '--format', 'json']);
    const port = (await docker('port', (await containers(project)).web!.id, '8080/tcp'))
      .split('\n')[0]!
      .split(':')
      .at(-1);
    expect(JSON.parse(info.stdout).services).toEqual([{ workload: 'web', urls: [`http://127.0.0.1:${port}`] }]);
  });
});
