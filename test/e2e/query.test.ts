import fs from 'node:fs/promises';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('query');
const { project } = s;
const leftovers = async (): Promise<string> =>
  docker(
    'ps',
    '-a',
    '--filter',
    `label=dev.pond.project=${project}`,
    '--filter',
    'label=dev.pond.run',
    '--format',
    '{{.Names}}',
  );

beforeAll(async () => {
  await waitForImage('node:22-slim');
  await fs.mkdir(s.at('out'), { mode: 0o777 });
  await fs.chmod(s.at('out'), 0o777); // daily_arrow runs as 65534 and must be able to write there
});

describe('kind: query (DuckDB on the real engine)', () => {
  it('up writes the right rows as JSON, CSV and Arrow', async () => {
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(await fs.readFile(s.at('out/daily.json'), 'utf8'))).toEqual([
      { day: '2026-11-01', orders: 2, revenue: 15 },
      { day: '2026-11-02', orders: 1, revenue: 7 },
    ]);
    expect(await fs.readFile(s.at('out/daily.csv'), 'utf8')).toBe(
      'day,orders,revenue\n2026-11-01,2,15\n2026-11-02,1,7\n',
    );
    const table = tableFromIPC(await fs.readFile(s.at('out/daily.arrow')));
    expect((await fs.stat(s.at('out/daily.arrow'))).uid).toBe(65534); // written as user: says
    expect(table.numRows).toBe(2);
    expect([...table.getChild('orders')!.toArray()]).toEqual([2n, 1n]);
  });

  it('a second up does not run it again; changing an input runs it again', async () => {
    const before = (await containers(project)).daily!.id;
    const again = await s.pond(['up']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('No changes');
    expect((await containers(project)).daily!.id).toBe(before);
    await fs.appendFile(s.at('data/orders.csv'), '4,2026-11-02,3\n');
    const changed = await s.pond(['up']);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).toMatch(/-\/\+ container daily\s+env\.POND_QUERY_HASH/);
    expect(JSON.parse(await fs.readFile(s.at('out/daily.json'), 'utf8'))[1]).toEqual({
      day: '2026-11-02',
      orders: 2,
      revenue: 10,
    });
    await fs.rm(s.at('out/daily.csv'));
    const missing = await s.pond(['up']);
    expect(missing.code, missing.stderr).toBe(0);
    expect(missing.stderr).toMatch(/> container daily_csv\s+its output file is missing/);
    expect(await fs.readFile(s.at('out/daily.csv'), 'utf8')).toContain('2026-11-02,2,10');
  });

  it("pond query runs ad hoc SQL to stdout, explains, and shows DuckDB's own error text", async () => {
    const adhoc = await s.pond([
      'query',
      'daily',
      '--sql',
      "SELECT count(*) AS n FROM read_csv('data/orders.csv')",
      '--format',
      'csv',
    ]);
    expect(adhoc.code, adhoc.stderr).toBe(0);
    expect(adhoc.stdout).toBe('n\n4\n');
    const asNobody = await s.pond(['query', 'daily_arrow', '--format', 'json']);
    expect(asNobody.code, asNobody.stderr).toBe(0);
    expect(JSON.parse(asNobody.stdout)).toHaveLength(2);
    const explain = await s.pond(['query', 'daily', '--explain']);
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/ORDER_BY[\s\S]*READ_CSV/);
    const broken = await s.pond(['query', 'daily', '--sql', 'SELEC 1']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Parser Error: syntax error at or near "SELEC"');
    expect(await leftovers()).toBe('');
  });

  it('a query past its timeout exits 124, names the limit and leaves no container behind', async () => {
    const slow = await s.pond([
      'query',
      'daily',
      '--sql',
      'SELECT count(*) FROM range(10000000000) a, range(1000) b',
      '--timeout',
      '1s',
    ]);
    expect(slow.code).toBe(124);
    expect(slow.stderr).toContain('query daily ran past its 1s timeout; the container was killed and removed');
    expect(await leftovers()).toBe('');
    expect(await fs.readdir(s.at('.pond/query'))).toEqual([]);
  });

  it('a query in up past its timeout fails up with 124 and is removed', async () => {
    s.use('slow');
    const up = await s.pond(['up']);
    expect(up.code).toBe(124);
    expect(up.stderr).toContain('slow ran past its 1s timeout');
    expect(await docker('ps', '-a', '--filter', `name=^${project}-slow$`, '--format', '{{.Names}}')).toBe('');
  });
});

describe('kind: query under pond up --watch', () => {
  const watched = scenario('query-watch', { folder: 'query/watch' });

  it('an edit to an input file (inside an input folder) re-runs the query', async () => {
    const child = watched.start(['up', '--watch']);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const total = async (): Promise<number> =>
        JSON.parse(await fs.readFile(watched.at('out/total.json'), 'utf8'))[0].total;
      await eventually(async () => expect(await total()).toBe(3), { timeoutMs: 30_000, intervalMs: 100 });
      await eventually(() => expect(output).toMatch(/watching/), { timeoutMs: 10_000, intervalMs: 50 });
      await fs.writeFile(watched.at('data/b.csv'), 'amount\n10\n');
      await eventually(async () => expect(await total()).toBe(13), { timeoutMs: 30_000, intervalMs: 100 });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
