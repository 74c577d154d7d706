import fs from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { containers, pond, pondProcess, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-query');
const orders = 'order_id,day,amount\n1,2026-11-01,10.5\n2,2026-11-01,4.5\n3,2026-11-02,7\n';
const byDay = "SELECT day, count(*) AS orders, sum(amount) AS revenue FROM read_csv('data/orders.csv') GROUP BY day ORDER BY day";
const stack = `version: 1
name: ${project}
workloads:
  daily:
    kind: query
    sql: queries/daily.sql
    inputs: [data/orders.csv]
    output: { path: out/daily.json }
  daily_csv:
    kind: query
    sql: queries/daily.sql
    inputs: [data]
    output: { path: out/daily.csv }
  daily_arrow:
    kind: query
    sql: queries/daily.sql
    inputs: [data/orders.csv]
    output: { path: out/daily.arrow }
    user: "65534:65534"
`;
let dir: string;
const leftovers = async (): Promise<string> => docker('ps', '-a', '--filter', `label=dev.pond.project=${project}`, '--filter', 'label=dev.pond.run', '--format', '{{.Names}}');

beforeAll(async () => {
  await waitForImage('node:22-slim');
  dir = await projectDir({ 'pond.yaml': stack, 'data/orders.csv': orders, 'queries/daily.sql': `${byDay};\n` });
  await fs.mkdir(path.join(dir, 'out'), { mode: 0o777 });
  await fs.chmod(path.join(dir, 'out'), 0o777); // daily_arrow runs as 65534 and must be able to write there
});
afterAll(() => cleanupProject(project));

describe('kind: query (DuckDB on the real engine)', () => {
  it('up writes the right rows as JSON, CSV and Arrow', async () => {
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'out/daily.json'), 'utf8'))).toEqual([
      { day: '2026-11-01', orders: 2, revenue: 15 },
      { day: '2026-11-02', orders: 1, revenue: 7 },
    ]);
    expect(await fs.readFile(path.join(dir, 'out/daily.csv'), 'utf8')).toBe('day,orders,revenue\n2026-11-01,2,15\n2026-11-02,1,7\n');
    const table = tableFromIPC(await fs.readFile(path.join(dir, 'out/daily.arrow')));
    expect((await fs.stat(path.join(dir, 'out/daily.arrow'))).uid).toBe(65534); // written as user: says
    expect(table.numRows).toBe(2);
    expect([...table.getChild('orders')!.toArray()]).toEqual([2n, 1n]);
  });

  it('a second up does not run it again; changing an input runs it again', async () => {
    const before = (await containers(project)).daily!.id;
    const again = await pond(['up'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('No changes');
    expect((await containers(project)).daily!.id).toBe(before);
    await fs.writeFile(path.join(dir, 'data/orders.csv'), `${orders}4,2026-11-02,3\n`);
    const changed = await pond(['up'], { cwd: dir });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).toMatch(/-\/\+ container daily\s+env\.POND_QUERY_HASH/);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'out/daily.json'), 'utf8'))[1]).toEqual({ day: '2026-11-02', orders: 2, revenue: 10 });
    await fs.rm(path.join(dir, 'out/daily.csv'));
    const missing = await pond(['up'], { cwd: dir });
    expect(missing.code, missing.stderr).toBe(0);
    expect(missing.stderr).toMatch(/> container daily_csv\s+its output file is missing/);
    expect(await fs.readFile(path.join(dir, 'out/daily.csv'), 'utf8')).toContain('2026-11-02,2,10');
  });

  it('pond query runs ad hoc SQL to stdout, explains, and shows DuckDB\'s own error text', async () => {
    const adhoc = await pond(['query', 'daily', '--sql', "SELECT count(*) AS n FROM read_csv('data/orders.csv')", '--format', 'csv'], { cwd: dir });
    expect(adhoc.code, adhoc.stderr).toBe(0);
    expect(adhoc.stdout).toBe('n\n4\n');
    const asNobody = await pond(['query', 'daily_arrow', '--format', 'json'], { cwd: dir });
    expect(asNobody.code, asNobody.stderr).toBe(0);
    expect(JSON.parse(asNobody.stdout)).toHaveLength(2);
    const explain = await pond(['query', 'daily', '--explain'], { cwd: dir });
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/ORDER_BY[\s\S]*READ_CSV/);
    const broken = await pond(['query', 'daily', '--sql', 'SELEC 1'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Parser Error: syntax error at or near "SELEC"');
    expect(await leftovers()).toBe('');
  });

  it('a query past its timeout exits 124, names the limit and leaves no container behind', async () => {
    const slow = await pond(['query', 'daily', '--sql', 'SELECT count(*) FROM range(10000000000) a, range(1000) b', '--timeout', '1s'], { cwd: dir });
    expect(slow.code).toBe(124);
    expect(slow.stderr).toContain('query daily ran past its 1s timeout; the container was killed and removed');
    expect(await leftovers()).toBe('');
    expect(await fs.readdir(path.join(dir, '.pond/query'))).toEqual([]);
  });

  it('a query in up past its timeout fails up with 124 and is removed', async () => {
    await fs.writeFile(path.join(dir, 'pond.yaml'), `${stack}  slow:\n    kind: query\n    sql: "SELECT count(*) FROM range(10000000000) a, range(1000) b"\n    timeout: 1s\n`);
    const up = await pond(['up'], { cwd: dir });
    expect(up.code).toBe(124);
    expect(up.stderr).toContain('slow ran past its 1s timeout');
    expect(await docker('ps', '-a', '--filter', `name=^${project}-slow$`, '--format', '{{.Names}}')).toBe('');
  });
});

describe('kind: query under pond up --watch', () => {
  const watched = uniqueProject('pond-e2e-query-watch');
  afterAll(() => cleanupProject(watched));

  it('an edit to an input file (inside an input folder) re-runs the query', async () => {
    const wdir = await projectDir({
      'pond.yaml': `version: 1\nname: ${watched}\nworkloads:\n  total:\n    kind: query\n    sql: "SELECT sum(amount) AS total FROM read_csv('data/*.csv')"\n    inputs: [data]\n    output: { path: out/total.json }\n`,
      'data/a.csv': 'amount\n1\n2\n',
    });
    const child = pondProcess(['up', '--watch'], { cwd: wdir });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const total = async (): Promise<number> => JSON.parse(await fs.readFile(path.join(wdir, 'out/total.json'), 'utf8'))[0].total;
      await eventually(async () => expect(await total()).toBe(3), { timeoutMs: 30_000, intervalMs: 100 });
      await eventually(() => expect(output).toMatch(/watching/), { timeoutMs: 10_000, intervalMs: 50 });
      await fs.writeFile(path.join(wdir, 'data/b.csv'), 'amount\n10\n');
      await eventually(async () => expect(await total()).toBe(13), { timeoutMs: 30_000, intervalMs: 100 });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
