import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { type PondRun } from './helpers/pond.js';
import { scenario, type Scenario } from './helpers/scenario.js';

/** Far below the 120 s wait timeout every test passes: pond must report, not wait it out. */
const WELL_BEFORE_TIMEOUT_MS = 60_000;
/** One of the projects in testdata/failures-reported/, each with a failure of its own. */
const failing = (name: string): Scenario =>
  scenario(`failures-reported-${name}`, { folder: `failures-reported/${name}` });

async function timedUp(s: Scenario, ...args: string[]): Promise<PondRun & { ms: number }> {
  const started = Date.now();
  const run = await s.pond(['up', '--wait-timeout', '120s', ...args]);
  return { ...run, ms: Date.now() - started };
}

const inspect = (name: string, format: string): Promise<string> => docker('inspect', '-f', format, name);

describe('a crash loop while up waits for readiness', () => {
  const loop = failing('loop');
  it('fails up after 3 exits with the exit code and last output, long before --wait-timeout', async () => {
    const up = await timedUp(loop);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toContain('container api keeps crashing: exited 3 times before it was ready, last with code 4');
    expect(up.stderr).toContain('api-is-going-down');
    expect(Number(await inspect(`${loop.project}-api`, '{{.RestartCount}}'))).toBeGreaterThanOrEqual(2);
  });

  const oom = failing('oom');
  it('names an OOM kill with the memory limit in MiB', async () => {
    const up = await timedUp(oom);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toMatch(
      /container hog keeps crashing: exited 3 times before it was ready, last with code 137, OOM-killed \(limit 8 MiB\)/,
    );
    expect(up.stderr).toContain('hog-allocating');
    expect(await inspect(`${oom.project}-hog`, '{{.State.OOMKilled}} {{.HostConfig.Memory}}')).toBe(
      `true ${8 * 1024 * 1024}`,
    );
  });

  const pgflag = failing('pgflag');
  it("fails a postgres whose server refuses its flags fast, with the server's own error", async () => {
    const up = await timedUp(pgflag);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toMatch(
      /container warehouse keeps crashing: exited 3 times before it was ready, last with code [1-9]/,
    );
    expect(up.stderr).toContain('no_such_setting');
    expect(await inspect(`${pgflag.project}-warehouse`, '{{.HostConfig.RestartPolicy.Name}}')).toBe('unless-stopped');
  });
});

describe('a wait that times out', () => {
  const never = failing('never');
  it('shows the last log lines of the workload that never became healthy, exit 124', async () => {
    const up = await never.pond(['up', '--wait-timeout', '8s']);
    expect(up.code, up.stderr).toBe(124);
    expect(up.stderr).toMatch(/warehouse not healthy after 8s: exec sh -c test -f \/never kept failing/);
    expect(up.stderr).toMatch(/last output of warehouse:[\s\S]*ready to accept connections/);
    expect(await inspect(`${never.project}-warehouse`, '{{.State.Status}} {{.State.Health.Status}}')).toMatch(
      /^running (starting|unhealthy)$/,
    );
  });
});

describe('a workload with no health check that dies at once', () => {
  const bot = failing('bot');
  it('fails up naming a long-running bot, its exit code and last output', async () => {
    const up = await timedUp(bot);
    expect(up.code, up.stderr).toBe(1);
    expect(up.ms).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(up.stderr).toMatch(
      /container trader keeps crashing: exited 2 times, each within 1\.5s of starting, last with code 5/,
    );
    expect(up.stderr).toContain('trader-cannot-start');
    expect(Number(await inspect(`${bot.project}-trader`, '{{.RestartCount}}'))).toBeGreaterThanOrEqual(2);
  });

  const done = failing('done');
  it('does not fail up for a service that finished with exit 0 and no restart', async () => {
    const up = await timedUp(done);
    expect(up.code, up.stderr).toBe(0);
    expect(await inspect(`${done.project}-seed`, '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 0');
  });
});

describe('pond ps on containers that stopped', () => {
  const ps = failing('ps');
  it("shows a restarting container's last exit code and restarts, and an exited one's OOM kill, in text and JSON", async () => {
    const up = await ps.pond(['up', '--no-wait']);
    expect(up.code, up.stderr).toBe(0);
    await eventually(
      async () =>
        expect(await inspect(`${ps.project}-hog`, '{{.State.Status}} {{.State.OOMKilled}}')).toBe('exited true'),
      { timeoutMs: 30_000 },
    );
    const rows = await eventually(
      async () => {
        const doc = JSON.parse((await ps.pond(['ps', '--format', 'json'])).stdout) as {
          workloads: Record<string, unknown>[];
        };
        const byName = Object.fromEntries(doc.workloads.map((w) => [w.workload, w]));
        expect(byName.looper!.state).toMatch(/^restarting \(exit 1, [1-9]\d* restarts?\)$/);
        return byName;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(rows.looper).toMatchObject({ exit_code: 1, oom_killed: false });
    expect(Number(await inspect(`${ps.project}-looper`, '{{.RestartCount}}'))).toBeGreaterThanOrEqual(
      rows.looper!.restarts as number,
    );
    expect(rows.hog).toMatchObject({ state: 'exited (137, OOM-killed)', exit_code: 137, oom_killed: true });
    const text = await ps.pond(['ps']);
    expect(text.stdout).toMatch(/^hog\s+exited \(137, OOM-killed\)/m);
  });
});
