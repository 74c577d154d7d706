import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('query-warm');
const { project } = s;
const runner = `${project}-sales-run-warm`;

interface Inspected {
  Id: string;
  State: { StartedAt: string; Running: boolean };
  HostConfig: {
    NetworkMode: string;
    Memory: number;
    ReadonlyRootfs: boolean;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
    PidsLimit: number;
  };
  Mounts: { Destination: string; RW: boolean }[];
  Config: { Labels: Record<string, string> };
}
const inspect = async (name = runner): Promise<Inspected> =>
  (JSON.parse(await docker('inspect', name)) as Inspected[])[0]!;
const query = (sql: string, ...more: string[]) => s.pond(['query', 'sales', '--sql', sql, '--format', 'csv', ...more]);

beforeAll(async () => {
  await waitForImage('node:22-slim');
});

describe('a warm query runner (warm: true, pond query --warm)', () => {
  it('repeated pond query --sql runs in one warm runner (same ID and StartedAt) and returns the right rows', async () => {
    const first = await query("SELECT sum(amount) AS total FROM read_csv('data/orders.csv')");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('total\n15\n');
    const before = await inspect();
    const second = await query('SELECT 42 AS answer');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('answer\n42\n');
    const after = await inspect();
    expect([after.Id, after.State.StartedAt, after.State.Running]).toEqual([before.Id, before.State.StartedAt, true]);
  });

  it("the warm runner has the query container's isolation: no network, read-only inputs, the memory limit, the hardening, no output mount", async () => {
    const c = await inspect();
    expect(c.HostConfig.NetworkMode).toBe('none');
    expect(c.HostConfig.Memory).toBe(512 * 1024 * 1024);
    expect(c.HostConfig.ReadonlyRootfs).toBe(true);
    expect(c.HostConfig.CapDrop).toEqual(['ALL']);
    expect(c.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(c.HostConfig.PidsLimit).toBe(256);
    const work = c.Mounts.filter((m) => m.Destination.startsWith('/work/') || m.Destination.startsWith('/opt/pond/'));
    expect(work.length).toBeGreaterThan(0);
    expect(work.filter((m) => m.RW)).toEqual([]);
    expect(c.Mounts.map((m) => m.Destination)).not.toContain('/out');
  });

  it('a query past its timeout exits 124, and the next query still answers', async () => {
    const slow = await query('SELECT count(*) FROM range(10000000000) a, range(1000) b', '--timeout', '1s');
    expect(slow.code, slow.stderr).toBe(124);
    expect(slow.stderr).toContain('query sales ran past its 1s timeout');
    const next = await query('SELECT 7 AS n');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toBe('n\n7\n');
  });

  it("up leaves the warm runner alone: the planner sees it as a run, not the workload's container", async () => {
    const before = (await inspect()).Id;
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).not.toContain('run-warm');
    expect((await inspect()).Id).toBe(before);
  });

  it('--warm runs a query without warm: in its own warm runner', async () => {
    const r = await s.pond(['query', 'plain', '--warm', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('one\n1\n');
    expect((await inspect(`${project}-plain-run-warm`)).State.Running).toBe(true);
  });

  it('a changed container spec replaces the warm runner before the next query', async () => {
    const before = (await inspect()).Id;
    s.use('768m');
    const r = await query('SELECT 1 AS x');
    expect(r.code, r.stderr).toBe(0);
    const after = await inspect();
    expect(after.Id).not.toBe(before);
    expect(after.HostConfig.Memory).toBe(768 * 1024 * 1024);
    expect(await docker('ps', '-aq', '--filter', `id=${before}`)).toBe('');
  });

  it('down removes the warm runners', async () => {
    const down = await s.pond(['down']);
    expect(down.code, down.stderr).toBe(0);
    expect(
      await docker(
        'ps',
        '-a',
        '--filter',
        `label=dev.pond.project=${project}`,
        '--filter',
        'label=dev.pond.run=warm',
        '--format',
        '{{.Names}}',
      ),
    ).toBe('');
  });
});
