import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, ROOT } from './helpers/pond.js';
import { tempDir } from '../support/temp-dir.js';

const examples = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'examples', d, 'pond.yaml')));
const project = uniqueProject('pond-e2e-quick');
afterAll(() => cleanupProject(project));

describe.each(examples)('examples/%s', (name) => {
  const file = path.join(ROOT, 'examples', name, 'pond.yaml');
  it('validates and plans', async () => {
    expect((await pond(['-f', file, 'validate'], { cwd: ROOT })).code).toBe(0);
    const plan = await pond(['-f', file, '-p', `${project}-plan-${name}`, 'plan', '--detailed-exitcode'], {
      cwd: ROOT,
    });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/Plan: \d+ to create/);
  });
});

describe('examples/quickstart', () => {
  const file = path.join(ROOT, 'examples/quickstart/pond.yaml');
  it('comes up healthy: the seed ran after the database, the page is served on loopback', async () => {
    const up = await pond(['-f', file, '-p', project, 'up'], { cwd: ROOT });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/db\s+running\s+healthy\s+127\.0\.0\.1:\d+->5432\/tcp/);
    const seen = await containers(project);
    expect(seen.seed!.state).toBe('exited');
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', seen.seed!.name)).toBe('0');
    const table = await docker(
      'exec',
      seen.db!.name,
      'psql',
      '-U',
      'pond',
      '-d',
      'app',
      '-tAc',
      "select count(*) from information_schema.tables where table_name = 'visits'",
    );
    expect(table).toBe('1');
    const hostPort = (await docker('port', seen.web!.name, '8080/tcp')).split(':').pop();
    const page = await fetch(`http://127.0.0.1:${hostPort}/`);
    expect(await page.text()).toContain('pond quickstart is up');
    const again = await pond(['-f', file, '-p', project, 'up'], { cwd: ROOT });
    expect(again.stderr).toContain('No changes.');
  });
});

describe('examples/databases', () => {
  const file = path.join(ROOT, 'examples/databases/pond.yaml');
  const dbProject = uniqueProject('pond-e2e-exdb');
  afterAll(() => cleanupProject(dbProject));

  it('comes up: both databases healthy, the report reached the warehouse by its URL', async () => {
    const up = await pond(['-f', file, '-p', dbProject, 'up'], { cwd: ROOT });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/shop\s+running\s+healthy/);
    expect(up.stdout).toMatch(/warehouse\s+running\s+healthy/);
    const seen = await containers(dbProject);
    expect(seen.report!.state).toBe('running');
    expect(await docker('logs', seen.report!.name)).toMatch(/\(1 row\)/);
  });
});

describe('examples/analytics', () => {
  const anProject = uniqueProject('pond-e2e-analytics');
  let dir: string;
  afterAll(async () => {
    if (dir) await pond(['-p', anProject, 'down'], { cwd: dir });
    await cleanupProject(anProject);
  });

  it("one up brings all of it to ready: databases, notebook URL, the query's rows, the scheduled report's result", async () => {
    dir = tempDir('pond-e2e-analytics-', { keep: 'file' });
    fs.cpSync(path.join(ROOT, 'examples/analytics'), dir, {
      recursive: true,
      filter: (src) => !/[/\\](\.pond|out)$/.test(src),
    });
    const up = await pond(['-p', anProject, 'up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/warehouse\s+running\s+healthy/);
    expect(up.stdout).toMatch(/shop\s+running\s+healthy/);
    expect(up.stdout).toMatch(/explore\s+running\s+healthy/);
    expect(up.stdout).toMatch(/ticker\s+running/);
    expect(up.stdout).toMatch(/daily_sales\s+exited \(0\)/);
    expect(up.stdout).toMatch(/explore {2}http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}/);
    expect(up.stdout).toMatch(/warehouse {2}postgres:\/\/pond:\*\*\*\*@127\.0\.0\.1:\d+\/pond/);
    expect(up.stdout + up.stderr).not.toContain('local-only-secret');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/daily_sales.json'), 'utf8'))).toEqual([
      { day: '2026-11-01', orders: 3, revenue: 242.75 },
      { day: '2026-11-02', orders: 3, revenue: 424.99 },
      { day: '2026-11-03', orders: 2, revenue: 310.75 },
    ]);
    const runs = fs.readdirSync(path.join(dir, '.pond/runs/report'));
    expect(runs).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.pond/runs/report', runs[0]!, 'result.json'), 'utf8'))).toEqual({
      title: 'daily orders',
      orders: 8,
      revenue: 978.49,
    });
    const seen = await containers(anProject);
    expect(await docker('logs', seen.ticker!.name)).toContain('ticker watching AAPL, MSFT');
    const again = await pond(['-p', anProject, 'up'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('No changes.');
    expect(fs.readdirSync(path.join(dir, '.pond/runs/report'))).toHaveLength(1);
  });
});
