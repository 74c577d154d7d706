import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-verbs');
const yaml = `version: 1
name: ${project}
workloads:
  db:
    image: busybox:1.35
    command: [sleep, "3600"]
    volumes: ["dbdata:/data"]
  api:
    image: busybox:1.35
    command: [sleep, "3600"]
    depends_on: [db]
  web:
    image: busybox:1.35
    command: [sh, -c, "trap 'echo got-hup >> /tmp/hups' HUP; while true; do sleep 1; done"]
    depends_on: [api]
  solo:
    image: busybox:1.35
    command: [sleep, "3600"]
volumes:
  dbdata: {}
`;

let dir: string;
const name = (w: string): string => `${project}-${w}`;
const inspect = (w: string, format: string): Promise<string> => docker('inspect', '-f', format, name(w));
const state = async (): Promise<Record<string, string>> => Object.fromEntries(Object.entries(await containers(project)).map(([w, c]) => [w, c.state]));
const up = async (...args: string[]): Promise<void> => {
  const r = await pond(['up', ...args], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
};

beforeAll(async () => {
  dir = await projectDir({ 'pond.yaml': yaml });
});
afterAll(() => cleanupProject(project));

describe('pond up WORKLOAD', () => {
  afterEach(async () => {
    await pond(['down', '--volumes', '--yes'], { cwd: dir });
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
    await fsWrite(yaml.replace('command: [sleep, "3600"]\n    depends_on: [db]', 'command: [sleep, "3601"]\n    depends_on: [db]').replace('solo:\n    image: busybox:1.35\n    command: [sleep, "3600"]', 'solo:\n    image: busybox:1.35\n    command: [sleep, "3602"]'));
    const apiBefore = await inspect('api', '{{.Id}}');
    await up('api');
    expect(await inspect('solo', '{{.Id}} {{.State.StartedAt}}')).toBe(before);
    expect(await inspect('api', '{{.Id}}')).not.toBe(apiBefore);
    await fsWrite(yaml);
  });

  it('refuses an unknown workload, --remove-orphans with names, and contradicting flags, creating nothing', async () => {
    for (const args of [['up', 'nope'], ['up', '--remove-orphans', 'api'], ['up', '--force-recreate', '--no-recreate'], ['up', '--down-on-exit'], ['up', '--no-deps']]) {
      const r = await pond(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^error: /);
    }
    expect(await state()).toEqual({});
  });
});

describe('stop, start, restart, kill and rm act on existing containers', () => {
  beforeAll(() => up());
  afterAll(() => pond(['down', '--volumes', '--yes'], { cwd: dir }));

  it('restart api changes its StartedAt, keeps its ID, and leaves web and db running as they were', async () => {
    const [id, started] = (await inspect('api', '{{.Id}} {{.State.StartedAt}}')).split(' ');
    const others = await Promise.all(['db', 'web'].map((w) => inspect(w, '{{.State.StartedAt}}')));
    const r = await pond(['restart', 'api', '-t', '1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const [idAfter, startedAfter] = (await inspect('api', '{{.Id}} {{.State.StartedAt}}')).split(' ');
    expect(idAfter).toBe(id);
    expect(startedAfter).not.toBe(started);
    expect(await Promise.all(['db', 'web'].map((w) => inspect(w, '{{.State.StartedAt}}')))).toEqual(others);
  });

  it('stop db stops only db; ps shows it exited and plan says up would start it', async () => {
    const r = await pond(['stop', 'db', '-t', '1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(await state()).toMatchObject({ db: 'exited', api: 'running', web: 'running' });
    const ps = await pond(['ps', '--format', 'json'], { cwd: dir });
    const rows = JSON.parse(ps.stdout).workloads as { workload: string; state: string }[];
    expect(rows.find((w) => w.workload === 'db')!.state).toMatch(/^exited/);
    const plan = await pond(['plan', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(plan.stdout).steps.map((s: { id: string; action: string }) => `${s.action} ${s.id}`)).toEqual(['start container:db']);
  });

  it('start brings the same container back (same ID)', async () => {
    const id = await inspect('db', '{{.Id}}');
    const r = await pond(['start', 'db'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(await inspect('db', '{{.Id}} {{.State.Status}}')).toBe(`${id} running`);
  });

  it('stop --with-dependents stops db and everything depending on it, not the others', async () => {
    const r = await pond(['stop', 'db', '--with-dependents', '-t', '1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(await state()).toEqual({ db: 'exited', api: 'exited', web: 'exited', solo: 'running' });
    expect((await pond(['start'], { cwd: dir })).code).toBe(0);
    expect(Object.values(await state()).every((s) => s === 'running')).toBe(true);
  });

  it('kill -s HUP delivers the signal to the process, which keeps running', async () => {
    const r = await pond(['kill', '-s', 'HUP', 'web'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    await expect.poll(() => docker('exec', name('web'), 'cat', '/tmp/hups').catch(() => ''), { timeout: 10_000 }).toContain('got-hup');
    expect(await inspect('web', '{{.State.Status}}')).toBe('running');
  });

  it('rm refuses a running workload, removes a stopped one, and up makes it again', async () => {
    expect((await pond(['rm', 'solo'], { cwd: dir })).code).toBe(3);
    expect(await inspect('solo', '{{.State.Status}}')).toBe('running');
    expect((await pond(['rm', '--stop', 'solo'], { cwd: dir })).code).toBe(0);
    expect(Object.keys(await state())).not.toContain('solo');
    await up();
    expect((await state()).solo).toBe('running');
  });

  it('rm --volumes deletes the volume only with --yes without a terminal', async () => {
    expect((await pond(['stop', 'db', '--with-dependents', '-t', '1'], { cwd: dir })).code).toBe(0);
    const refused = await pond(['rm', '--volumes', 'db'], { cwd: dir });
    expect(refused.code).toBe(3);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${project}_dbdata`)).toBe(`${project}_dbdata`);
    expect((await state()).db).toBe('exited');
    const r = await pond(['rm', '--volumes', '--yes', 'db'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(await docker('volume', 'ls', '-q', '--filter', `name=${project}_dbdata`)).toBe('');
  });

  it('each verb exits 3 naming a workload that does not exist or has no container, changing nothing', async () => {
    const before = await state();
    for (const args of [['stop', 'nope'], ['restart', 'db'], ['kill', 'db'], ['start', 'nope'], ['kill', '-s', 'NOT A SIGNAL', 'web']]) {
      const r = await pond(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(3);
    }
    expect(await state()).toEqual(before);
  });
});

async function fsWrite(text: string): Promise<void> {
  const fs = await import('node:fs/promises');
  await fs.writeFile(`${dir}/pond.yaml`, text);
}

describe('global options', () => {
  it('-f and -p work before and after a command that has no letter of its own', async () => {
    const other = await projectDir({ 'other.yaml': yaml.replace(`name: ${project}`, 'name: other-name') });
    for (const args of [['-f', 'other.yaml', 'validate'], ['validate', '-f', 'other.yaml']]) {
      const r = await pond(args, { cwd: other });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('"other-name"');
    }
    const named = await pond(['validate', '-p', 'renamed', '-f', 'other.yaml'], { cwd: other });
    expect(named.stdout).toContain('"renamed"');
  });
});
