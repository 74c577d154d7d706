import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { pond, projectDir, type PondRun } from './helpers/pond.js';

/** Far below the 120 s wait timeout every test passes: pond must report, not wait it out. */
const WELL_BEFORE_TIMEOUT_MS = 60_000;
const ALLOCATE = `x=$(head -c 64000000 /dev/zero | tr '\\\\0' a); sleep 1`;

const projects: string[] = [];
afterAll(() => Promise.all(projects.map((p) => cleanupProject(p))));

/** A fresh project holding one pond.yaml whose workloads are `workloads` (YAML, indented by two). */
async function stack(prefix: string, workloads: string, files: Record<string, string> = {}): Promise<{ project: string; dir: string }> {
  const project = uniqueProject(`h-failures-${prefix}`);
  projects.push(project);
  const dir = await projectDir({ 'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n${workloads}`, ...files });
  return { project, dir };
}

async function timedUp(dir: string, ...args: string[]): Promise<PondRun & { ms: number }> {
  const started = Date.now();
  const run = await pond(['up', '--wait-timeout', '120s', ...args], { cwd: dir });
  return { ...run, ms: Date.now() - started };
}

const inspect = (name: string, format: string): Promise<string> => docker('inspect', '-f', format, name);

describe('a crash loop while up waits for readiness', () => {
  it('fails up after 3 exits with the exit code and last output, long before --wait-timeout', async () => {
    const { project, dir } = await stack('loop', `  api:
    image: busybox:1.35
    command: [sh, -c, "echo api-is-going-down; exit 4"]
    restart: always
    health: { exec: "test -f /never" }
`);
    const up = await timedUp(dir);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toContain('container api keeps crashing: exited 3 times before it was ready, last with code 4');
    expect(up.stderr).toContain('api-is-going-down');
    expect(Number(await inspect(`${project}-api`, '{{.RestartCount}}'))).toBeGreaterThanOrEqual(2);
  });

  it('names an OOM kill with the memory limit in MiB', async () => {
    const { project, dir } = await stack('oom', `  hog:
    image: busybox:1.35
    command: [sh, -c, "echo hog-allocating; ${ALLOCATE}"]
    restart: always
    resources: { memory: 8m }
    health: { exec: "test -f /never" }
`);
    const up = await timedUp(dir);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toMatch(/container hog keeps crashing: exited 3 times before it was ready, last with code 137, OOM-killed \(limit 8 MiB\)/);
    expect(up.stderr).toContain('hog-allocating');
    expect(await inspect(`${project}-hog`, '{{.State.OOMKilled}} {{.HostConfig.Memory}}')).toBe(`true ${8 * 1024 * 1024}`);
  });

  it('fails a postgres whose server refuses its flags fast, with the server\'s own error', async () => {
    const { project, dir } = await stack('pgflag', `  warehouse:
    image: postgres:15
    command: [postgres, -c, "no_such_setting=1"]
    env: { POSTGRES_PASSWORD: local-only }
    restart: unless-stopped
    health: { exec: [pg_isready, -h, 127.0.0.1] }
`);
    const up = await timedUp(dir);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toMatch(/container warehouse keeps crashing: exited 3 times before it was ready, last with code [1-9]/);
    expect(up.stderr).toContain('no_such_setting');
    expect(await inspect(`${project}-warehouse`, '{{.HostConfig.RestartPolicy.Name}}')).toBe('unless-stopped');
  });
});

describe('a wait that times out', () => {
  it('shows the last log lines of the workload that never became healthy, exit 124', async () => {
    const { project, dir } = await stack('never', `  warehouse:
    kind: database
    engine: postgres
    version: "15"
    health: { exec: "test -f /never", interval: 1s }
`);
    const up = await pond(['up', '--wait-timeout', '8s'], { cwd: dir });
    expect(up.code, up.stderr).toBe(124);
    expect(up.stderr).toMatch(/warehouse not healthy after 8s: exec sh -c test -f \/never kept failing/);
    expect(up.stderr).toMatch(/last output of warehouse:[\s\S]*ready to accept connections/);
    expect(await inspect(`${project}-warehouse`, '{{.State.Status}} {{.State.Health.Status}}')).toMatch(/^running (starting|unhealthy)$/);
  });
});

describe('a workload with no health check that dies at once', () => {
  it('fails up naming a long-running bot, its exit code and last output', async () => {
    const { project, dir } = await stack('bot', `  trader:
    kind: bot
    runtime: python3.11
    code: ./bots/trader
`, { 'bots/trader/main.py': "import sys\nprint('trader-cannot-start', flush=True)\nsys.exit(5)\n" });
    const up = await timedUp(dir);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toMatch(/container trader keeps crashing: exited 2 times, each within 1\.5s of starting, last with code 5/);
    expect(up.stderr).toContain('trader-cannot-start');
    expect(Number(await inspect(`${project}-trader`, '{{.RestartCount}}'))).toBeGreaterThanOrEqual(2);
  });

  it('does not fail up for a service that finished with exit 0 and no restart', async () => {
    const { project, dir } = await stack('done', `  seed:
    image: busybox:1.35
    command: [sh, -c, "echo seeded"]
`);
    const up = await timedUp(dir);
    expect(up.code, up.stderr).toBe(0);
    expect(await inspect(`${project}-seed`, '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 0');
  });
});

describe('pond ps on containers that stopped', () => {
  it('shows a restarting container\'s last exit code and restarts, and an exited one\'s OOM kill, in text and JSON', async () => {
    const { project, dir } = await stack('ps', `  looper:
    image: busybox:1.35
    command: [sh, -c, "exit 1"]
    restart: always
  hog:
    image: busybox:1.35
    command: [sh, -c, "${ALLOCATE}"]
    resources: { memory: 8m }
`);
    const up = await pond(['up', '--no-wait'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    await eventually(async () => expect(await inspect(`${project}-hog`, '{{.State.Status}} {{.State.OOMKilled}}')).toBe('exited true'), { timeoutMs: 30_000 });
    const rows = await eventually(async () => {
      const doc = JSON.parse((await pond(['ps', '--format', 'json'], { cwd: dir })).stdout) as { workloads: Record<string, unknown>[] };
      const byName = Object.fromEntries(doc.workloads.map((w) => [w.workload, w]));
      expect(byName.looper!.state).toMatch(/^restarting \(exit 1, [1-9]\d* restarts?\)$/);
      return byName;
    }, { timeoutMs: 30_000, intervalMs: 50 });
    expect(rows.looper).toMatchObject({ exit_code: 1, oom_killed: false });
    expect(Number(await inspect(`${project}-looper`, '{{.RestartCount}}'))).toBeGreaterThanOrEqual(rows.looper!.restarts as number);
    expect(rows.hog).toMatchObject({ state: 'exited (137, OOM-killed)', exit_code: 137, oom_killed: true });
    const text = await pond(['ps'], { cwd: dir });
    expect(text.stdout).toMatch(/^hog\s+exited \(137, OOM-killed\)/m);
  });
});
