import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { derivedPorts } from '../../../src/workloads/database/ports.js';
import { observedFrom, stepIs } from '../../support/fixtures.js';
import { tempDir } from '../../support/temp-dir.js';

async function load(workloads: string, name = 'demo') {
  const dir = tempDir('pond-db-');
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: ${name}\nworkloads:\n${workloads}`);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}
const errorsOf = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: ConfigError) => e.diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}`),
  );

describe('kind: database', () => {
  it('postgres ephemeral: official image, credentials in its env contract, TCP health check, fast on a 1g tmpfs, 256m + 1g memory', async () => {
    const { spec } = await load('  db:\n    kind: database\n    engine: postgres\n    version: "16"\n');
    const db = spec.workloads[0]!;
    expect(db.kind).toBe('database');
    expect(db.image).toBe('postgres:16-alpine');
    expect(db.env).toEqual({ POSTGRES_USER: 'pond', POSTGRES_PASSWORD: 'pond', POSTGRES_DB: 'pond' });
    expect(db.sensitive).toEqual(['POSTGRES_PASSWORD']);
    expect(db.command).toEqual([
      'postgres',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_wal_size=256MB',
    ]);
    expect(db.mounts).toEqual([{ type: 'tmpfs', target: '/var/lib/postgresql/data', sizeBytes: 1024 * 1024 * 1024 }]);
    expect(db.resources.memoryBytes).toBe((256 + 1024) * 1024 * 1024);
    expect(db.health?.probe).toEqual({ exec: ['sh', '-c', 'pg_isready -h 127.0.0.1 -U pond -d pond'] });
    expect(db.ports).toEqual([
      { container: 5432, host: derivedPorts('demo', ['db'], []).get('db'), protocol: 'tcp', hostIp: '127.0.0.1' },
    ]);
    expect(db.restart).toBe('unless-stopped');
  });

  it('persistent + durable: a named volume for the data dir, no fast flags', async () => {
    const { spec, desired } = await load(
      '  db:\n    kind: database\n    engine: postgres\n    storage: persistent\n    mode: durable\n    port: 15432\n',
    );
    const db = spec.workloads[0]!;
    expect(db.image).toBe('postgres:17-alpine');
    expect(db.command).toBeUndefined();
    expect(db.mounts).toEqual([
      { type: 'volume', source: 'db-data', target: '/var/lib/postgresql/data', readOnly: false },
    ]);
    expect(spec.volumes.map((v) => v.name)).toEqual(['db-data']);
    expect(db.ports[0]!.host).toBe(15432);
    expect(desired.containers[0]!.initOnly).toMatchObject({
      env: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
      volume: 'demo_db-data',
      applied: { env: ['POSTGRES_PASSWORD'] },
    });
  });

  it('persistent data gets the durable memory default (1g), marked as a default; resources.memory wins', async () => {
    const { spec } = await load(
      '  db: { kind: database, engine: postgres, storage: persistent }\n  big: { kind: database, engine: mysql, storage: persistent, resources: { memory: none } }\n',
    );
    const [big, db] = spec.workloads;
    expect(db!.resources.memoryBytes).toBe(1024 ** 3);
    expect(db!.resourceDefaults).toEqual(['memory']);
    expect(big!.resources.memoryBytes).toBeUndefined();
    expect(big!.resourceDefaults).toBeUndefined();
  });

  it('storage: persistent defaults to mode: durable (fsync on), and mode: fast stays an explicit choice', async () => {
    const { spec } = await load(
      '  a:\n    kind: database\n    engine: postgres\n    storage: persistent\n  b:\n    kind: database\n    engine: postgres\n    storage: persistent\n    mode: fast\n',
    );
    const [a, b] = spec.workloads;
    expect(a!.command).toBeUndefined();
    expect(b!.command).toContain('fsync=off');
    expect(b!.mounts.map((m) => m.type)).toEqual(['volume']);
  });

  it('ephemeral + durable: no fast flags, no tmpfs, the preset memory', async () => {
    const { spec } = await load('  db:\n    kind: database\n    engine: postgres\n    mode: durable\n');
    expect(spec.workloads[0]!.command).toBeUndefined();
    expect(spec.workloads[0]!.mounts).toEqual([]);
    expect(spec.workloads[0]!.resources.memoryBytes).toBe(256 * 1024 * 1024);
  });

  it('mysql and sqlserver presets', async () => {
    const { spec } = await load(
      '  my:\n    kind: database\n    engine: mysql\n    version: "8.0"\n    password: s3cret\n  ms:\n    kind: database\n    engine: sqlserver\n    version: "2019"\n',
    );
    const [ms, my] = spec.workloads;
    expect(my!.image).toBe('mysql:8.0');
    expect(my!.env).toEqual({
      MYSQL_ROOT_PASSWORD: 's3cret',
      MYSQL_USER: 'pond',
      MYSQL_PASSWORD: 's3cret',
      MYSQL_DATABASE: 'pond',
    });
    expect(my!.resources.memoryBytes).toBe((512 + 1024) * 1024 * 1024);
    expect(my!.mounts).toEqual([{ type: 'tmpfs', target: '/var/lib/mysql', sizeBytes: 1024 * 1024 * 1024 }]);
    expect(ms!.image).toBe('mcr.microsoft.com/mssql/server:2019-latest');
    expect(ms!.env.ACCEPT_EULA).toBe('Y');
    expect(ms!.resources.memoryBytes).toBe(2 * 1024 ** 3);
    expect(ms!.ports[0]!.container).toBe(1433);
  });

  it('derives distinct, stable ports per project and workload', () => {
    const a = derivedPorts('demo', ['pg15', 'pg16'], []);
    expect(a.get('pg15')).not.toBe(a.get('pg16'));
    expect(derivedPorts('demo', ['pg16', 'pg15'], [])).toEqual(a);
    const clash = a.get('pg15')!;
    expect(derivedPorts('demo', ['pg15'], [clash]).get('pg15')).not.toBe(clash);
  });

  it('refuses an unknown version at its line', async () => {
    expect(await errorsOf(load('  db:\n    kind: database\n    engine: postgres\n    version: "12"\n'))).toEqual([
      '7:14 enum: postgres version "12" is not one pond has a preset for',
    ]);
  });

  it('resolves references in env: an implicit healthy dependency; a value with a password is sensitive', async () => {
    const { spec, graph } = await load(
      '  db:\n    kind: database\n    engine: postgres\n    password: pw\n  app:\n    image: busybox:1.35\n    env:\n      DATABASE_URL: ${workloads.db.url}\n      DB: "host=${workloads.db.host} port=${workloads.db.port}"\n',
    );
    const app = spec.workloads.find((w) => w.name === 'app')!;
    expect(app.env).toEqual({ DATABASE_URL: 'postgres://pond:pw@db:5432/pond', DB: 'host=db port=5432' });
    expect(app.sensitive).toEqual(['DATABASE_URL']);
    expect(app.dependsOn).toEqual({ db: 'healthy' });
    expect(graph.order).toEqual(['db', 'app']);
  });

  it('refuses a reference to something that is not a database field', async () => {
    const errors = await errorsOf(
      load(
        '  db:\n    kind: database\n    engine: postgres\n  app:\n    image: busybox:1.35\n    env:\n      A: ${workloads.dbb.url}\n      B: ${workloads.db.pasword}\n',
      ),
    );
    expect(errors).toEqual([
      '10:10 reference: ${workloads.dbb.url} does not name a field of another database workload',
      '11:10 reference: ${workloads.db.pasword} does not name a field of another database workload',
    ]);
  });

  it('postgres: a password change on an initialised persistent volume is applied inside the database, and the plan says so', async () => {
    const before = await load(
      '  db:\n    kind: database\n    engine: postgres\n    storage: persistent\n    password: old\n',
    );
    const after = await load(
      '  db:\n    kind: database\n    engine: postgres\n    storage: persistent\n    password: new\n',
    );
    const plan = reconcile(after.desired, observedFrom(before.desired), {
      forceRecreate: false,
      noRecreate: false,
      removeOrphans: false,
      wait: true,
    });
    expect(plan.steps.map((s) => s.cause)).toEqual(['env.POSTGRES_PASSWORD: (sensitive) changed']);
    expect(plan.warnings).toEqual([
      'db: POSTGRES_PASSWORD changed: volume demo_db-data is already initialised, so pond applies the new value inside the database once it is healthy',
    ]);
    expect(stepIs(plan.steps[0], 'container', 'replace').container.initOnly!.applied!.exec).not.toContain('new');
  });

  it('mysql: a password change on an initialised persistent volume is a warning that the image ignores it', async () => {
    const yaml = (pw: string) =>
      `  db:\n    kind: database\n    engine: mysql\n    storage: persistent\n    password: ${pw}\n`;
    const before = await load(yaml('old'));
    const plan = reconcile((await load(yaml('new'))).desired, observedFrom(before.desired), {
      forceRecreate: false,
      noRecreate: false,
      removeOrphans: false,
      wait: true,
    });
    expect(plan.warnings).toEqual([
      'db: MYSQL_PASSWORD, MYSQL_ROOT_PASSWORD changed, but volume demo_db-data is already initialised: the image ignores the new value (change it inside the database, or start over with pond down --volumes)',
    ]);
  });
});
