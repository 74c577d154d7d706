import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('database');
const { project } = s;
const sql = (q: string) =>
  docker('exec', `${project}-warehouse`, 'psql', '-h', '127.0.0.1', '-U', 'pond', '-d', 'pond', '-tAc', q);
const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) =>
    net
      .connect(port, '127.0.0.1')
      .once('connect', function (this: net.Socket) {
        this.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false)),
  );

describe('kind: database (postgres preset on the real engine)', () => {
  it('comes up healthy on its derived 127.0.0.1 port; a reference hands a working URL to another workload', async () => {
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout + up.stderr).not.toContain('first-secret');
    const info = JSON.parse((await s.pond(['info', 'warehouse', '--format', 'json'])).stdout).databases[0];
    expect(await docker('port', `${project}-warehouse`, '5432/tcp')).toBe(`127.0.0.1:${info.port}`);
    expect(up.stdout).toContain(`warehouse  postgres://pond:****@127.0.0.1:${info.port}/pond`);
    expect(await tcpOpen(info.port)).toBe(true);
    expect(await docker('exec', `${project}-report`, 'cat', '/tmp/answer')).toBe('42');
  });

  it('keeps its rows and its port across a replace and across down/up', async () => {
    const port = (await docker('port', `${project}-warehouse`, '5432/tcp')).split(':')[1];
    await sql('create table visits (n int); insert into visits values (7)');
    const before = (await containers(project)).warehouse!.id;
    s.use('durable');
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect((await containers(project)).warehouse!.id).not.toBe(before);
    expect(await sql('select n from visits')).toBe('7');
    expect((await s.pond(['down'])).code).toBe(0);
    expect((await s.pond(['up'])).code).toBe(0);
    expect(await sql('select n from visits')).toBe('7');
    expect((await docker('port', `${project}-warehouse`, '5432/tcp')).split(':')[1]).toBe(port);
  });

  it('says a new password will be applied inside the initialised volume, without printing either', async () => {
    s.use('durable-second-secret');
    const plan = await s.pond(['plan']);
    expect(plan.stdout).toContain('env.POSTGRES_PASSWORD: (sensitive) changed');
    expect(plan.stdout).toMatch(
      /warning: warehouse: POSTGRES_PASSWORD changed: volume .*_warehouse-data is already initialised, so pond applies the new value/,
    );
    expect(plan.stdout).not.toMatch(/first-secret|second-secret/);
  });

  it('switched to ephemeral storage, it keeps the old volume; deleting it is marked ! and needs --yes', async () => {
    s.use('durable-ephemeral');
    const volume = `${project}_warehouse-data`;
    const before = (await containers(project)).warehouse!.id;
    const refused = await s.pond(['up', '--remove-orphans']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/!\s+- volume\s+warehouse-data\s+no longer in pond.yaml: deletes its data/);
    expect(refused.stderr).toContain('the plan deletes persistent data (volume warehouse-data): nothing was changed');
    expect((await containers(project)).warehouse!.id).toBe(before);
    expect(await sql('select n from visits')).toBe('7');
    const kept = await s.pond(['up']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toContain('? volume    warehouse-data  orphan: not in pond.yaml (kept with its data');
    expect(await docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`)).toBe(volume);
    const wiped = await s.pond(['up', '--remove-orphans', '--yes']);
    expect(wiped.code, wiped.stderr).toBe(0);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=^${volume}$`)).toBe('');
  });
});

describe('kind: database (mysql preset on the real engine)', () => {
  const mysql = scenario('database-mysql', { folder: 'database/mysql' });
  const shop = mysql.project;

  it('comes up healthy and serves its user, password and database over TCP; a reference reaches it by name', async () => {
    const up = await mysql.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/shop\s+running\s+healthy\s+127\.0\.0\.1:\d+->3306\/tcp/);
    expect(up.stdout + up.stderr).not.toContain('shop-secret');
    const answer = await docker(
      'exec',
      `${shop}-shop`,
      'mysql',
      '-h',
      '127.0.0.1',
      '-u',
      'pond',
      '-pshop-secret',
      'pond',
      '-Ne',
      'select database()',
    );
    expect(answer).toBe('pond');
    expect(await docker('exec', `${shop}-client`, 'cat', '/tmp/answer')).toBe('42');
  });
});
