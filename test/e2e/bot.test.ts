import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, pondProcess, projectDir } from './helpers/pond.js';

interface Run {
  id: string;
  trigger: string;
  exit_code?: number;
  result_file?: string;
  started: string;
  finished?: string;
}

const runsOf = async (dir: string, bot: string): Promise<Run[]> => JSON.parse((await pond(['runs', bot, '--format', 'json'], { cwd: dir })).stdout).runs;
const runContainers = async (project: string): Promise<string[]> => (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`, '--filter', 'label=dev.pond.run')).split('\n').filter(Boolean);

describe('a long-running python bot', () => {
  const project = uniqueProject('pond-e2e-bot');
  afterAll(() => cleanupProject(project));

  it('gets its config, is restarted after a crash, and is replaced when its code changes', async () => {
    const main = (version: string) => `import json, os, sys, time
cfg = json.load(open('/pond/config.json'))
print('start', '${version}', cfg['symbol'], os.getcwd(), flush=True)
if not os.path.exists('crashed'):
    open('crashed', 'w').write('1')
    sys.exit(1)
time.sleep(3600)
`;
    const dir = await projectDir({
      'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n  trader:\n    kind: bot\n    runtime: python3.11\n    code: ./bots/trader\n    config: { symbol: BTC }\n`,
      'bots/trader/main.py': main('v1'),
    });
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const name = `${project}-trader`;
    await eventually(async () => {
      expect(await docker('inspect', '-f', '{{.State.Status}} {{.RestartCount}}', name)).toMatch(/^running [1-9]/);
      expect(await docker('logs', name)).toMatch(/start v1 BTC \/pond\/work\n[\s\S]*start v1 BTC \/pond\/work/);
    }, { timeoutMs: 30_000 });
    expect(await docker('exec', name, 'cat', '/pond/config.json')).toBe('{"symbol":"BTC"}');
    expect(await docker('exec', name, 'sh', '-c', 'touch /app/x 2>&1 || echo read-only')).toMatch(/read-only/);
    const before = (await containers(project)).trader!;

    await fs.writeFile(path.join(dir, 'bots/trader/main.py'), main('v2'));
    const plan = await pond(['plan'], { cwd: dir });
    expect(plan.stdout).toMatch(/-\/\+ container trader\s+env\.POND_CODE_HASH/);
    expect((await pond(['up'], { cwd: dir })).code).toBe(0);
    const after = (await containers(project)).trader!;
    expect(after.id).not.toBe(before.id);
    await eventually(async () => expect(await docker('logs', name)).toMatch(/start v2 BTC/), { timeoutMs: 20_000 });
  });
});

describe('scheduled node bots', () => {
  const project = uniqueProject('pond-e2e-sched');
  let watcher: ReturnType<typeof pondProcess> | undefined;
  afterAll(async () => {
    watcher?.kill('SIGKILL');
    await cleanupProject(project);
  });
  const index = `const fs = require('fs');
const cfg = JSON.parse(process.env.POND_CONFIG);
console.log('report for', cfg.symbol);
console.error('a warning');
fs.writeFileSync('result.json', JSON.stringify({ symbol: cfg.symbol, file: JSON.parse(fs.readFileSync('/pond/config.json', 'utf8')) }));
process.exit(cfg.exit || 0);
`;
  let dir = '';

  it('pond up runs a new scheduled bot once, collects its result and logs, and a second up does not run it again', async () => {
    dir = await projectDir({
      'pond.yaml': `version: 1
name: ${project}
workloads:
  report:
    kind: bot
    runtime: node22
    code: ./bots/report
    schedule: "0 3 * * *"
    results: result.json
    config: { symbol: ETH }
  failing:
    kind: bot
    runtime: node22
    code: ./bots/report
    schedule: "0 4 * * *"
    config: { symbol: X, exit: 3 }
    run_on_up: false
`,
      'bots/report/index.js': index,
    });
    const plan = await pond(['plan', '--format', 'json'], { cwd: dir });
    const scheduled = JSON.parse(plan.stdout).scheduled;
    expect(scheduled.map((s: { workload: string; next: string[] }) => [s.workload, s.next.length])).toEqual([['failing', 3], ['report', 3]]);
    expect(scheduled[1].next[0]).toMatch(/T03:00:00\.000Z$/);
    expect((await pond(['plan', '--detailed-exitcode'], { cwd: dir })).code).toBe(2); // up would run report

    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const [run, ...older] = await runsOf(dir, 'report');
    expect(older).toEqual([]);
    expect(run).toMatchObject({ trigger: 'up', exit_code: 0, result_file: 'result.json' });
    const folder = path.join(dir, '.pond/runs/report', run!.id);
    expect(JSON.parse(await fs.readFile(path.join(folder, 'result.json'), 'utf8'))).toEqual({ symbol: 'ETH', file: { symbol: 'ETH' } });
    const logs = await fs.readFile(path.join(folder, 'logs.txt'), 'utf8');
    expect(logs).toMatch(/^\S+Z stdout report for ETH$/m);
    expect(logs).toMatch(/^\S+Z stderr a warning$/m);
    expect(await runsOf(dir, 'failing')).toEqual([]);
    expect(await runContainers(project)).toEqual([]);

    const again = await pond(['up'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(await runsOf(dir, 'report')).toHaveLength(1);
    expect((await pond(['plan', '--detailed-exitcode'], { cwd: dir })).code).toBe(0);
    const ps = JSON.parse((await pond(['ps', '--format', 'json'], { cwd: dir })).stdout);
    expect(ps.workloads.find((w: { workload: string }) => w.workload === 'report').state).toMatch(/^scheduled \(next .*, last exit 0\)$/);
  });

  it('pond run runs once now and exits with the bot\'s exit code; pond runs lists it', async () => {
    const r = await pond(['run', 'failing'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('report for X');
    const [run] = await runsOf(dir, 'failing');
    expect(run).toMatchObject({ trigger: 'manual', exit_code: 3 });
    expect(await runContainers(project)).toEqual([]);
  });

  it('pond up --watch fires a schedule (every second here) and forbid keeps runs from overlapping', async () => {
    await fs.writeFile(path.join(dir, 'pond.yaml'), (await fs.readFile(path.join(dir, 'pond.yaml'), 'utf8')).replace('schedule: "0 3 * * *"', 'schedule: "* * * * * *"'));
    let output = '';
    watcher = pondProcess(['up', '--watch'], { cwd: dir });
    watcher.stderr.on('data', (d) => (output += d));
    const runs = await eventually(async () => {
      const scheduledRuns = (await runsOf(dir, 'report')).filter((r) => r.trigger === 'schedule' && r.finished);
      expect(scheduledRuns.length).toBeGreaterThanOrEqual(2);
      return scheduledRuns;
    }, { timeoutMs: 40_000 });
    expect(runs.every((r) => r.exit_code === 0 && r.result_file === 'result.json')).toBe(true);
    const byStart = [...runs].sort((a, b) => a.started.localeCompare(b.started));
    for (let i = 1; i < byStart.length; i++) expect(byStart[i]!.started >= byStart[i - 1]!.finished!).toBe(true);
    watcher.kill('SIGINT');
    await new Promise((resolve) => watcher!.once('exit', resolve));
    expect(output).toMatch(/bot report: run \S+ started \(schedule: due at/);
    expect(await runContainers(project)).toEqual([]);
  });
});
