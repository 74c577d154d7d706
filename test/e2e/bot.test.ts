import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario, type Scenario } from './helpers/scenario.js';

interface Run {
  id: string;
  trigger: string;
  exit_code?: number;
  result_file?: string;
  started: string;
  finished?: string;
}

const runsOf = async (s: Scenario, bot: string): Promise<Run[]> =>
  JSON.parse((await s.pond(['runs', bot, '--format', 'json'])).stdout).runs;
const runContainers = async (project: string): Promise<string[]> =>
  (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`, '--filter', 'label=dev.pond.run'))
    .split('\n')
    .filter(Boolean);

describe('a long-running python bot', () => {
  const s = scenario('bot', { folder: 'bot/trader' });
  const { project } = s;

  it('gets its config, is restarted after a crash, and is replaced when its code changes', async () => {
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const name = `${project}-trader`;
    await eventually(
      async () => {
        expect(await docker('inspect', '-f', '{{.State.Status}} {{.RestartCount}}', name)).toMatch(/^running [1-9]/);
        expect(await docker('logs', name)).toMatch(/start v1 BTC \/pond\/work\n[\s\S]*start v1 BTC \/pond\/work/);
      },
      { timeoutMs: 30_000 },
    );
    expect(await docker('exec', name, 'cat', '/pond/config.json')).toBe('{"symbol":"BTC"}');
    expect(await docker('exec', name, 'sh', '-c', 'touch /app/x 2>&1 || echo read-only')).toMatch(/read-only/);
    const before = (await containers(project)).trader!;

    await fs.writeFile(s.at('bots/trader/VERSION'), 'v2\n'); // a change to the code folder, as an edit to main.py would be
    const plan = await s.pond(['plan']);
    expect(plan.stdout).toMatch(/-\/\+ container trader\s+env\.POND_CODE_HASH/);
    expect((await s.pond(['up'])).code).toBe(0);
    const after = (await containers(project)).trader!;
    expect(after.id).not.toBe(before.id);
    await eventually(async () => expect(await docker('logs', name)).toMatch(/start v2 BTC/), { timeoutMs: 20_000 });
  });
});

describe('scheduled node bots', () => {
  const s = scenario('bot-sched', { folder: 'bot/scheduled' });
  const { project } = s;

  it('pond up runs a new scheduled bot once, collects its result and logs, and a second up does not run it again', async () => {
    const plan = await s.pond(['plan', '--format', 'json']);
    const scheduled = JSON.parse(plan.stdout).scheduled;
    expect(scheduled.map((s: { workload: string; next: string[] }) => [s.workload, s.next.length])).toEqual([
      ['failing', 3],
      ['report', 3],
    ]);
    expect(scheduled[1].next[0]).toMatch(/T03:00:00\.000Z$/);
    expect((await s.pond(['plan', '--detailed-exitcode'])).code).toBe(2); // up would run report

    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const [run, ...older] = await runsOf(s, 'report');
    expect(older).toEqual([]);
    expect(run).toMatchObject({ trigger: 'up', exit_code: 0, result_file: 'result.json' });
    const folder = s.at('.pond/runs/report', run!.id);
    expect(JSON.parse(await fs.readFile(path.join(folder, 'result.json'), 'utf8'))).toEqual({
      symbol: 'ETH',
      file: { symbol: 'ETH' },
    });
    const logs = await fs.readFile(path.join(folder, 'logs.txt'), 'utf8');
    expect(logs).toMatch(/^\S+Z stdout report for ETH$/m);
    expect(logs).toMatch(/^\S+Z stderr a warning$/m);
    expect(await runsOf(s, 'failing')).toEqual([]);
    expect(await runContainers(project)).toEqual([]);

    const again = await s.pond(['up']);
    expect(again.code).toBe(0);
    expect(await runsOf(s, 'report')).toHaveLength(1);
    expect((await s.pond(['plan', '--detailed-exitcode'])).code).toBe(0);
    const ps = JSON.parse((await s.pond(['ps', '--format', 'json'])).stdout);
    expect(ps.workloads.find((w: { workload: string }) => w.workload === 'report').state).toMatch(
      /^scheduled \(next .*, last exit 0\)$/,
    );
  });

  it("pond run runs once now and exits with the bot's exit code; pond runs lists it", async () => {
    const r = await s.pond(['run', 'failing']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('report for X');
    const [run] = await runsOf(s, 'failing');
    expect(run).toMatchObject({ trigger: 'manual', exit_code: 3 });
    expect(await runContainers(project)).toEqual([]);
  });

  it('pond up --watch fires a schedule (every second here) and forbid keeps runs from overlapping', async () => {
    s.use('every-second');
    let output = '';
    const watcher = s.start(['up', '--watch']);
    watcher.stderr.on('data', (d) => (output += d));
    const runs = await eventually(
      async () => {
        const scheduledRuns = (await runsOf(s, 'report')).filter((r) => r.trigger === 'schedule' && r.finished);
        expect(scheduledRuns.length).toBeGreaterThanOrEqual(2);
        return scheduledRuns;
      },
      { timeoutMs: 40_000 },
    );
    expect(runs.every((r) => r.exit_code === 0 && r.result_file === 'result.json')).toBe(true);
    const byStart = [...runs].sort((a, b) => a.started.localeCompare(b.started));
    for (let i = 1; i < byStart.length; i++) expect(byStart[i]!.started >= byStart[i - 1]!.finished!).toBe(true);
    watcher.kill('SIGINT');
    await new Promise((resolve) => watcher.once('exit', resolve));
    expect(output).toMatch(/bot report: run \S+ started \(schedule: due at/);
    expect(await runContainers(project)).toEqual([]);
  });
});
