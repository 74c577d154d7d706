import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

/** Each test its own project: a postgres from one of testdata/data-safety/'s folders, or the service. */
const fsync = scenario('data-safety-fsync', { folder: 'data-safety/persistent' });
const tmpfs = scenario('data-safety-tmpfs', { folder: 'data-safety/ephemeral' });
const pw = scenario('data-safety-pw', { folder: 'data-safety/password' });
const held = scenario('data-safety-port', { folder: 'data-safety/ephemeral' });
const svc = scenario('data-safety-svc', { folder: 'data-safety/service' });
const localSql = (project: string, q: string) =>
  docker('exec', `${project}-warehouse`, 'psql', '-U', 'pond', '-d', 'pond', '-tAc', q);
/** Connects as a client on this machine would: with the URL as pond handed it out, over 127.0.0.1. */
const connectWith = (url: string) =>
  docker('run', '--rm', '--network', 'host', 'postgres:15-alpine', 'psql', url, '-tAc', 'select 42');
const inspect = async (name: string, format: string) => docker('inspect', '-f', format, name);

describe('data safety on the real engine', () => {
  it('a persistent postgres runs with fsync on by default', async () => {
    const { project } = fsync;
    const up = await fsync.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(await localSql(project, 'show fsync')).toBe('on');
    expect(await localSql(project, 'show synchronous_commit')).toBe('on');
  });

  it('a fast ephemeral postgres takes 200 MB of data on its tmpfs without being OOM-killed', async () => {
    const { project } = tmpfs;
    const up = await tmpfs.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const name = `${project}-warehouse`;
    const mounts = JSON.parse(await inspect(name, '{{json .HostConfig.Mounts}}')) as {
      Type: string;
      Target: string;
      TmpfsOptions?: { SizeBytes?: number };
    }[];
    expect(mounts.find((m) => m.Target === '/var/lib/postgresql/data')).toMatchObject({
      Type: 'tmpfs',
      TmpfsOptions: { SizeBytes: 1024 ** 3 },
    });
    await localSql(project, "create table t as select g, repeat('x', 1000) as pad from generate_series(1, 200000) g");
    expect(Number(await localSql(project, "select pg_total_relation_size('t')"))).toBeGreaterThan(200 * 1000 * 1000);
    expect(await localSql(project, 'select count(*) from t')).toBe('200000');
    expect(await inspect(name, '{{.State.Running}} {{.State.OOMKilled}} {{.RestartCount}}')).toBe('true false 0');
  });

  it('after a password change on an initialised volume, the URL pond hands out connects', async () => {
    const { project } = pw;
    expect((await pw.pond(['up'])).code).toBe(0);
    await localSql(project, 'create table kept (n int); insert into kept values (7)');
    pw.use('second');
    const up = await pw.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout + up.stderr).not.toMatch(/first-secret|second-secret/);
    const info = JSON.parse((await pw.pond(['info', 'warehouse', '--reveal', '--format', 'json'])).stdout).databases[0];
    expect(info.password).toBe('second-secret');
    expect(await connectWith(info.url)).toBe('42');
    expect(await localSql(project, 'select n from kept')).toBe('7');
    await expect(connectWith(info.url.replace('second-secret', 'first-secret'))).rejects.toThrow(
      /password authentication failed/,
    );
  });

  it('a derived port another process holds is refused before anything is created', async () => {
    const { project } = held;
    const port = JSON.parse((await held.pond(['info', 'warehouse', '--format', 'json'])).stdout).databases[0]
      .port as number;
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const up = await held.pond(['up']);
      expect(up.code).toBe(3);
      expect(up.stderr).toContain(`warehouse: 127.0.0.1:${port}`);
      expect(up.stderr).toContain('port:');
      expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('a service with an engine-picked port keeps its host port across a replacing env change', async () => {
    const { project } = svc;
    expect((await svc.pond(['up'])).code).toBe(0);
    const before = await docker('port', `${project}-web`, '8080/tcp');
    const id = (await containers(project)).web!.id;
    svc.use('prod');
    const up = await svc.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect((await containers(project)).web!.id).not.toBe(id);
    expect(await docker('port', `${project}-web`, '8080/tcp')).toBe(before);
  });
});
