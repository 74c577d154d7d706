import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-ps');
const stack = `version: 1
name: ${project}
workloads:
  burner:
    image: busybox:1.35
    command: [sh, -c, "while :; do :; done"]
    resources: { memory: 64m }
  idle:
    image: busybox:1.35
    command: [sleep, "3600"]
`;

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

let dir: string;

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  dir = await projectDir({ 'pond.yaml': stack });
  const up = await pond(['up'], { cwd: dir });
  expect(up.code, up.stderr).toBe(0);
});

afterAll(async () => {
  if (dir) await pond(['down'], { cwd: dir });
  await cleanupProject(project);
});

const rows = async (args: string[]): Promise<Record<string, Row>> => {
  const ps = await pond(['ps', ...args, '--format', 'json'], { cwd: dir });
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
    const ps = await pond(['ps', '--stats'], { cwd: dir });
    expect(ps.code, ps.stderr).toBe(0);
    const [head, ...lines] = ps.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^WORKLOAD\s+STATE\s+HEALTH\s+UPTIME\s+RESTARTS\s+CPU %\s+MEM\s+PORTS$/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^burner\s+running\s+-\s+\d+[smhd]\s+0\s+\d+\.\d%\s+[\d.]+[KMG]?i?B \/ 64MiB\s+-$/);
    expect(lines[1]).toMatch(/^idle\s+running\s+-\s+\d+[smhd]\s+0\s+\d+\.\d%\s+[\d.]+[KMG]?i?B \/ [\d.]+[KMGT]iB\s+-$/);
    const plain = await pond(['ps'], { cwd: dir });
    expect(plain.stdout.split('\n')[0]).toMatch(/^WORKLOAD\s+STATE\s+HEALTH\s+UPTIME\s+RESTARTS\s+IMAGE\s+CONTAINER\s+PORTS$/);
  });
});
