import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('ps');
const { project } = s;

interface Row {
  workload: string;
  state: string;
  container: string;
  restarts: number;
  uptime_seconds?: number;
  cpu_percent?: number;
  memory_bytes?: number;
  memory_limit_bytes?: number;
}

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
});

afterAll(async () => {
  await s.pond(['down']);
});

const rows = async (args: string[]): Promise<Record<string, Row>> => {
  const ps = await s.pond(['ps', ...args, '--format', 'json']);
  expect(ps.code, ps.stderr).toBe(0);
  return Object.fromEntries((JSON.parse(ps.stdout).workloads as Row[]).map((r) => [r.workload, r]));
};

describe('pond ps on a real engine', () => {
  it('--stats: the busy loop shows CPU, its 64 MiB limit, uptime and no restarts', async () => {
    // A loaded host may give the loop less than a CPU for a while: retry the sample, never sleep.
    const seen = await eventually(
      async () => {
        const r = await rows(['--stats']);
        expect(r.burner?.cpu_percent).toBeGreaterThan(20);
        return r;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const { burner, idle } = seen;
    expect(burner).toMatchObject({ state: 'running', restarts: 0, memory_limit_bytes: 64 * 1024 * 1024 });
    expect(burner!.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(burner!.memory_bytes).toBeGreaterThan(0);
    expect(burner!.memory_bytes).toBeLessThan(64 * 1024 * 1024);
    expect(idle).toMatchObject({ state: 'running', restarts: 0, container: `${project}-idle` });
    expect(idle!.cpu_percent).toBeGreaterThanOrEqual(0);
    // The engine's own record agrees on the limit.
    expect(await docker('inspect', '-f', '{{.HostConfig.Memory}}', `${project}-burner`)).toBe(String(64 * 1024 * 1024));
  });

  it('without --stats: no samples, but uptime and restarts', async () => {
    const { burner } = await rows([]);
    expect(burner).toMatchObject({ restarts: 0 });
    expect(burner!.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(burner).not.toHaveProperty('cpu_percent');
  });

  it('the text table shows the columns, one row per workload', async () => {
    const ps = await s.pond(['ps', '--stats']);
    expect(ps.code, ps.stderr).toBe(0);
    const [head, ...lines] = ps.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^WORKLOAD\s+STATE\s+HEALTH\s+UPTIME\s+RESTARTS\s+CPU %\s+MEM\s+PORTS$/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^burner\s+running\s+-\s+\d+[smhd]\s+0\s+\d+\.\d%\s+[\d.]+[KMG]?i?B \/ 64MiB\s+-$/);
    expect(lines[1]).toMatch(/^idle\s+running\s+-\s+\d+[smhd]\s+0\s+\d+\.\d%\s+[\d.]+[KMG]?i?B \/ [\d.]+[KMGT]iB\s+-$/);
    const plain = await s.pond(['ps']);
    expect(plain.stdout.split('\n')[0]).toMatch(
      /^WORKLOAD\s+STATE\s+HEALTH\s+UPTIME\s+RESTARTS\s+IMAGE\s+CONTAINER\s+PORTS$/,
    );
  });
});
