import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('workload-verbs');
const { project } = s;

const name = (w: string): string => `${project}-${w}`;
const inspect = (w: string, format: string): Promise<string> => docker('inspect', '-f', format, name(w));
const state = async (): Promise<Record<string, string>> =>
  Object.fromEntries(Object.entries(await containers(project)).map(([w, c]) => [w, c.state]));
const up = async (...args: string[]): Promise<void> => {
  const r = await s.pond(['up', ...args]);
  expect(r.code, r.stderr).toBe(0);
};

describe('pond up WORKLOAD', () => {
  afterEach(async () => {
    await s.pond(['down', '--volumes', '--yes']);
  });

  it('on an empty project creates that workload and what it depends on, nothing else', async () => {
    await up('api');
    expect(await state()).toEqual({ api: 'running', db: 'running' });
  });

  it('--no-deps creates exactly the named workload', async () => {
    await up('--no-deps', 'solo', 'api');
    expect(Object.keys(await state()).sort()).toEqual(['api', 'solo']);
  });

  it('leaves the other workloads untouched: their IDs and StartedAt stay', async () => {
    await up();
    const before = await inspect('solo', '{{.Id}} {{.State.StartedAt}}');
    s.use('edited');
    const apiBefore = await inspect('api', '{{.Id}}');
    await up('api');
    expect(await inspect('solo', '{{.Id}} {{.State.StartedAt}}')).toBe(before);
    expect(await inspect('api', '{{.Id}}')).not.toBe(apiBefore);
    s.use();
  });

  it('refuses an unknown workload, --remove-orphans with names, and contradicting flags, creating nothing', async () => {
    for (const args of [
      ['up', 'nope'],
      ['up', '--remove-orphans', 'api'],
      ['up', '--force-recreate', '--no-recreate'],
      ['up', '--down-on-exit'],
      ['up', '--no-deps'],
    ]) {
      const r = await s.pond(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^error: /);
    }
    expect(await state()).toEqual({});
  });
});

describe('stop, start, restart, kill and rm act on existing containers', () => {
  beforeAll(() => up());
  afterAll(() => s.pond(['down', '--volumes', '--yes']));

  it('restart api changes its StartedAt, keeps its ID, and leaves web and db running as they were', async () => {
    const [id, started] = (await inspect('api', '{{.Id}} {{.State.StartedAt}}')).split(' ');
    const others = await Promise.all(['db', 'web'].map((w) => inspect(w, '{{.State.StartedAt}}')));
    const r = await s.pond(['restart', 'api', '-t', '1']);
    expect(r.code, r.stderr).toBe(0);
    const [idAfter, startedAfter] = (await inspect('api', '{{.Id}} {{.State.StartedAt}}')).split(' ');
    expect(idAfter).toBe(id);
    expect(startedAfter).not.toBe(started);
    expect(await Promise.all(['db', 'web'].map((w) => inspect(w, '{{.State.StartedAt}}')))).toEqual(others);
  });

  it('stop db stops only db; ps shows it exited and plan says up would start it', async () => {
    const r = await s.pond(['stop', 'db', '-t', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(await state()).toMatchObject({ db: 'exited', api: 'running', web: 'running' });
    const ps = await s.pond(['ps', '--format', 'json']);
    const rows = JSON.parse(ps.stdout).workloads as { workload: string; state: string }[];
    expect(rows.find((w) => w.workload === 'db')!.state).toMatch(/^exited/);
    const plan = await s.pond(['plan', '--format', 'json']);
    expect(JSON.parse(plan.stdout).steps.map((s: { id: string; action: string }) => `${s.action} ${s.id}`)).toEqual([
      'start container:db',
    ]);
  });

  it('start brings the same container back (same ID)', async () => {
    const id = await inspect('db', '{{.Id}}');
    const r = await s.pond(['start', 'db']);
    expect(r.code, r.stderr).toBe(0);
    expect(await inspect('db', '{{.Id}} {{.State.Status}}')).toBe(`${id} running`);
  });

  it('stop --with-dependents stops db and everything depending on it, not the others', async () => {
    const r = await s.pond(['stop', 'db', '--with-dependents', '-t', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(await state()).toEqual({ db: 'exited', api: 'exited', web: 'exited', solo: 'running' });
    expect((await s.pond(['start'])).code).toBe(0);
    expect(Object.values(await state()).every((s) => s === 'running')).toBe(true);
  });

  it('kill -s HUP delivers the signal to the process, which keeps running', async () => {
    const r = await s.pond(['kill', '-s', 'HUP', 'web']);
    expect(r.code, r.stderr).toBe(0);
    await expect
      .poll(() => docker('exec', name('web'), 'cat', '/tmp/hups').catch(() => ''), { timeout: 10_000 })
      .toContain('got-hup');
    expect(await inspect('web', '{{.State.Status}}')).toBe('running');
  });

  it('rm refuses a running workload, removes a stopped one, and up makes it again', async () => {
    expect((await s.pond(['rm', 'solo'])).code).toBe(3);
    expect(await inspect('solo', '{{.State.Status}}')).toBe('running');
    expect((await s.pond(['rm', '--stop', 'solo'])).code).toBe(0);
    expect(Object.keys(await state())).not.toContain('solo');
    await up();
    expect((await state()).solo).toBe('running');
  });

  it('rm --volumes deletes the volume only with --yes without a terminal', async () => {
    expect((await s.pond(['stop', 'db', '--with-dependents', '-t', '1'])).code).toBe(0);
    const refused = await s.pond(['rm', '--volumes', 'db']);
    expect(refused.code).toBe(3);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${project}_dbdata`)).toBe(`${project}_dbdata`);
    expect((await state()).db).toBe('exited');
    const r = await s.pond(['rm', '--volumes', '--yes', 'db']);
    expect(r.code, r.stderr).toBe(0);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${project}_dbdata`)).toBe('');
  });

  it('each verb exits 3 naming a workload that does not exist or has no container, changing nothing', async () => {
    const before = await state();
    for (const args of [
      ['stop', 'nope'],
      ['restart', 'db'],
      ['kill', 'db'],
      ['start', 'nope'],
      ['kill', '-s', 'NOT A SIGNAL', 'web'],
    ]) {
      const r = await s.pond(args);
      expect(r.code, args.join(' ')).toBe(3);
    }
    expect(await state()).toEqual(before);
  });
});

describe('global options', () => {
  it('-f and -p work before and after a command that has no letter of its own', async () => {
    for (const args of [
      ['-f', 'pond.other.yaml', 'validate'],
      ['validate', '-f', 'pond.other.yaml'],
    ]) {
      const r = await s.pond(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('"other-name"');
    }
    const named = await s.pond(['validate', '-p', 'renamed', '-f', 'pond.other.yaml']);
    expect(named.stdout).toContain('"renamed"');
  });
});
