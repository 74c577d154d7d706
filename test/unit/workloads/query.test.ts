import fs from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { errorsOf, tempProject } from '../../support/project.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { encode } from '../../../src/workloads/query/runner/encode.js';
import { toCreateOptions } from '../../../src/engine/docker/create-options.js';
import { desiredOf, observedFrom, project as fixture, workload } from '../../support/fixtures.js';

const project = (workloads: string, files: Record<string, string | Uint8Array> = { 'data/orders.csv': 'a,b\n1,2\n' }) =>
  tempProject(workloads, files);
const sales =
  '  sales:\n    kind: query\n    sql: q.sql\n    inputs: [data/orders.csv]\n    output: { path: out/sales.csv }\n';

describe('kind: query', () => {
  it('expands to a run-once container: node image, no network, inputs read-only under /work, output folder as /out', async () => {
    const { dir, load } = await project(sales, { 'q.sql': 'select 1', 'data/orders.csv': 'a\n1\n' });
    const { spec, desired } = await load();
    const q = spec.workloads[0]!;
    expect(q).toMatchObject({
      kind: 'query',
      image: 'node:22-slim',
      network: 'none',
      restart: 'no',
      command: ['node', '/opt/pond/query-runner.mjs'],
    });
    expect(q.env).toMatchObject({ POND_SQL: 'select 1', POND_FORMAT: 'csv', POND_OUTPUT: '/out/sales.csv' });
    expect(q.mounts.filter((m) => m.type === 'bind' && !m.target.startsWith('/opt/pond'))).toEqual([
      { type: 'bind', source: path.join(dir, 'data/orders.csv'), target: '/work/data/orders.csv', readOnly: true },
      { type: 'bind', source: path.join(dir, 'out'), target: '/out', readOnly: false, carry: 'collected' },
    ]);
    expect(
      q.mounts
        .filter((m) => m.target.startsWith('/opt/pond'))
        .every((m) => m.type === 'bind' && m.readOnly && m.carry === 'baked'),
    ).toBe(true);
    expect(q.query).toMatchObject({ output: path.join(dir, 'out/sales.csv'), format: 'csv', timeoutMs: 300_000 });
    expect(desired.containers[0]!.job).toEqual({ timeoutMs: 300_000 });
  });

  it('runs hardened: read-only root, no capabilities, no privilege gain, a pids limit, a tmpfs /tmp; the engine gets each', async () => {
    const { load } = await project(sales, { 'q.sql': 'select 1', 'data/orders.csv': 'a\n1\n' });
    const c = (await load()).desired.containers[0]!;
    expect(c.spec.mounts).toContainEqual({ type: 'tmpfs', target: '/tmp' });
    expect(toCreateOptions(c.spec).HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: 256,
    });
  });

  it('without output: it writes to out/NAME.json and never gets the project folder read-write', async () => {
    const { dir, load } = await project('  q:\n    kind: query\n    sql: "select 1"\n');
    const q = (await load()).spec.workloads[0]!;
    expect(q.query!.output).toBe(path.join(dir, 'out/q.json'));
    const writable = q.mounts
      .filter((m) => m.type === 'bind' && !m.readOnly)
      .map((m) => (m as { source: string }).source);
    expect(writable).toEqual([path.join(dir, 'out')]);
  });

  it('a plain service gets none of the hardening fields, so its config hash is what it was', async () => {
    const { load } = await project('  s:\n    image: busybox:1.35\n');
    const spec = (await load()).desired.containers[0]!.spec;
    expect(
      Object.keys(spec).filter((k) => ['readOnlyRootfs', 'capDrop', 'noNewPrivileges', 'pidsLimit'].includes(k)),
    ).toEqual([]);
    const host = toCreateOptions(spec).HostConfig!;
    expect([host.ReadonlyRootfs, host.CapDrop, host.SecurityOpt, host.PidsLimit]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // Computed by the version before these fields existed: an upgrade must not recreate every service.
    const web = desiredOf(
      fixture([
        workload('web', {
          image: 'busybox:1.35',
          env: { A: '1' },
          ports: [{ container: 80, protocol: 'tcp', hostIp: '127.0.0.1' }],
        }),
      ]),
    );
    expect(web.containers[0]!.hash).toBe('fb136fa2cea24f26adad7da226ff539ca2540b30c93666831666f9313512aec1');
  });

  it('runs as the invoking user unless that is root (output files are theirs); user: wins; the engine gets it as User', async () => {
    const { load } = await project(sales, { 'q.sql': 'select 1', 'data/orders.csv': 'a\n1\n' });
    const uid = process.getuid!();
    const q = (await load()).spec.workloads[0]!;
    expect(q.user).toBe(uid === 0 ? undefined : `${uid}:${process.getgid!()}`);
    const set = await project(`${sales}    user: "65534:65534"\n`, {
      'q.sql': 'select 1',
      'data/orders.csv': 'a\n1\n',
    });
    const { desired } = await set.load();
    expect(toCreateOptions(desired.containers[0]!.spec).User).toBe('65534:65534');
  });

  it('the content hash changes with the SQL or an input byte, not with a touch', async () => {
    const { dir, load } = await project(sales, { 'q.sql': 'select 1', 'data/orders.csv': 'a\n1\n' });
    const h1 = (await load()).spec.workloads[0]!.query!.hash;
    await fs.utimes(path.join(dir, 'data/orders.csv'), new Date(), new Date(2030, 1, 1));
    expect((await load()).spec.workloads[0]!.query!.hash).toBe(h1);
    await fs.writeFile(path.join(dir, 'data/orders.csv'), 'a\n2\n');
    const h2 = (await load()).spec.workloads[0]!.query!.hash;
    expect(h2).not.toBe(h1);
    await fs.writeFile(path.join(dir, 'q.sql'), 'select 2');
    expect((await load()).spec.workloads[0]!.query!.hash).not.toBe(h2);
  });

  it('its own output inside an input folder is not an input (else every run would look like a change)', async () => {
    const { dir, load } = await project(
      '  q:\n    kind: query\n    sql: "select 1"\n    inputs: [data]\n    output: { path: data/result.json }\n',
      { 'data/a.csv': 'a\n1\n' },
    );
    const before = (await load()).spec.workloads[0]!.query!.hash;
    await fs.writeFile(path.join(dir, 'data/result.json'), '[{"x": 1}]');
    expect((await load()).spec.workloads[0]!.query!.hash).toBe(before);
    await fs.writeFile(path.join(dir, 'data/b.csv'), 'a\n2\n');
    expect((await load()).spec.workloads[0]!.query!.hash).not.toBe(before);
  });

  it('an exited-0 run of the same config is done; a changed input replaces (re-runs) it; up waits for completion', async () => {
    const { dir, load } = await project(sales, { 'q.sql': 'select 1', 'data/orders.csv': 'a\n1\n' });
    const first = await load();
    const observed = observedFrom(first.desired, { sales: { state: 'exited', exitCode: 0 } });
    const UP = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
    expect(reconcile(first.desired, observed, UP).steps).toEqual([]);
    await fs.writeFile(path.join(dir, 'data/orders.csv'), 'a\n3\n');
    const steps = reconcile((await load()).desired, observed, UP).steps;
    expect(steps.map((s) => `${s.action} ${s.name} ${s.reach.join(',')}`)).toEqual(['replace sales started,completed']);
    expect(steps[0]!.cause).toMatch(/^env\.POND_QUERY_HASH/);
  });

  it('a finished query whose output file was deleted runs again (a failed one waits for a change)', async () => {
    const { load } = await project(sales, { 'q.sql': 'select 1', 'data/orders.csv': 'a\n1\n' });
    const { desired } = await load();
    const UP = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true, missingOutputs: ['sales'] };
    const done = observedFrom(desired, { sales: { state: 'exited', exitCode: 0 } });
    expect(reconcile(desired, done, UP).steps.map((s) => `${s.action} ${s.name}: ${s.cause}`)).toEqual([
      'start sales: its output file is missing',
    ]);
    const failed = observedFrom(desired, { sales: { state: 'exited', exitCode: 1 } });
    expect(reconcile(desired, failed, { ...UP, heal: true }).steps).toEqual([]);
  });

  it('inline SQL, default output and format; located errors for a missing SQL file, a missing input, a bad timeout', async () => {
    const inline = await project('  q:\n    kind: query\n    sql: "select 42"\n');
    expect((await inline.load()).spec.workloads[0]!.query).toMatchObject({
      sql: 'select 42',
      format: 'json',
      output: path.join(inline.dir, 'out/q.json'),
    });
    const bad = await project(
      '  q:\n    kind: query\n    sql: missing.sql\n    inputs: [data/nope.parquet]\n    timeout: 0s\n',
    );
    expect(await errorsOf(bad.load())).toEqual([
      '6:10 not-found: SQL file missing.sql does not exist',
      '7:14 not-found: input data/nope.parquet does not exist',
      '8:14 duration: "0s" is not a duration above zero',
    ]);
  });
});

describe('query runner encoding', () => {
  const names = ['day', 'orders', 'revenue', 'note'];
  const types = ['DATE', 'BIGINT', 'DECIMAL(38,2)', 'VARCHAR'];
  const rows = [
    { day: '2026-11-01', orders: '3', revenue: '242.75', note: 'a, "quoted" one' },
    { day: '2026-11-02', orders: '1', revenue: null, note: null },
  ];

  it('json: numbers as numbers', async () => {
    expect(JSON.parse((await encode('json', names, types, rows)).toString())).toEqual([
      { day: '2026-11-01', orders: 3, revenue: 242.75, note: 'a, "quoted" one' },
      { day: '2026-11-02', orders: 1, revenue: null, note: null },
    ]);
  });

  it('csv: RFC 4180 quoting, empty for null', async () => {
    expect((await encode('csv', names, types, rows)).toString()).toBe(
      'day,orders,revenue,note\n2026-11-01,3,242.75,"a, ""quoted"" one"\n2026-11-02,1,,\n',
    );
  });

  it('arrow: an IPC file with typed columns', async () => {
    const table = tableFromIPC(await encode('arrow', names, types, rows));
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'day:Date32<DAY>',
      'orders:Int64',
      'revenue:Float64',
      'note:Utf8',
    ]);
    expect(table.getChild('orders')!.toArray()).toEqual(new BigInt64Array([3n, 1n]));
    expect(table.getChild('revenue')!.get(0)).toBe(242.75);
  });
});
