import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker } from '../integration/helpers/docker.js';
import { pond } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

/**
 * One project name, several checkouts: the folder name is the project name, as a clone's would be
 * (testdata/identity/pond.yaml names no project). Each checkout is a folder `<parent>/<project>` in
 * the scenario's temp copy, holding a copy of that pond.yaml.
 */
const s = scenario('identity');
const { project } = s;
const copy = `${project}-copy`;
const image = `${project}-commit:1`;

/** Makes `dir`'s pond.yaml the testdata's pond.yaml, or its `pond.<variant>.yaml`, as a user editing it would. */
const put = (dir: string, variant?: string): Promise<void> =>
  fs.copyFile(s.at(variant ? `pond.${variant}.yaml` : 'pond.yaml'), path.join(dir, 'pond.yaml'));

async function checkout(parent: string): Promise<string> {
  const dir = s.at(parent, project);
  await fs.mkdir(dir, { recursive: true });
  await put(dir);
  return dir;
}

interface Seen {
  id: string;
  startedAt: string;
  running: boolean;
}
async function seen(name: string): Promise<Seen> {
  const [id, startedAt, running] = (
    await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}} {{.State.Running}}', name)
  ).split(' ');
  return { id: id!, startedAt: startedAt!, running: running === 'true' };
}

let first: string;
let before: Record<string, Seen>;
beforeAll(async () => {
  first = await checkout('a');
  const up = await pond(['up'], { cwd: first });
  expect(up.code, up.stderr).toBe(0);
  before = { web: await seen(`${project}-web`), worker: await seen(`${project}-worker`) };
});
afterAll(async () => {
  await cleanupProject(project, { containers: [copy, `${project}-stranger`] });
  await docker('rmi', '-f', image).catch(() => undefined);
});

describe('project identity: two checkouts with one project name never touch each other', () => {
  it('a second checkout of the same name refuses up and down, naming the first folder and -p; the first stack is untouched', async () => {
    const second = await checkout('b');
    const up = await pond(['up'], { cwd: second });
    expect(up.code).toBe(3);
    expect(up.stderr).toContain(`belongs to another checkout, at ${await fs.realpath(first)}`);
    expect(up.stderr).toContain(`pond -p ${project}-2`);
    const down = await pond(['down'], { cwd: second });
    expect(down.code).toBe(3);
    expect(await seen(`${project}-web`)).toEqual(before.web);
    expect(await seen(`${project}-worker`)).toEqual(before.worker);
    await expect(fs.stat(path.join(second, '.pond', 'project-id'))).rejects.toThrow();
  });

  it('plan and validate in a new checkout write nothing to its folder', async () => {
    const third = await checkout('c');
    await pond(['plan'], { cwd: third });
    await pond(['validate'], { cwd: third });
    expect(await fs.readdir(third)).toEqual(['pond.yaml']);
  });

  it('moving a checkout keeps its identity: up after mv says No changes and keeps the containers', async () => {
    const moved = s.at('moved', project);
    await fs.mkdir(path.dirname(moved), { recursive: true });
    await fs.rename(first, moved);
    first = moved;
    const up = await pond(['up'], { cwd: moved });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('No changes');
    expect(await seen(`${project}-web`)).toEqual(before.web);
  });

  it('a fresh clone takes over with pond adopt, after which its up changes nothing', async () => {
    const clone = await checkout('clone');
    const adopt = await pond(['adopt'], { cwd: clone });
    expect(adopt.code, adopt.stderr).toBe(0);
    expect(adopt.stderr).toContain(`Adopted project "${project}"`);
    const up = await pond(['up'], { cwd: clone });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('No changes');
    expect(await seen(`${project}-worker`)).toEqual(before.worker);
    first = clone;
  });
});

describe('pond acts only on objects it created for this project', () => {
  it('a hand-made container with the project label and a commit+run copy survive down, and are never orphans', async () => {
    await docker(
      'run',
      '-d',
      '--label',
      `dev.pond.project=${project}`,
      '--name',
      `${project}-stranger`,
      'busybox:1.35',
      'sleep',
      '3600',
    );
    await docker('commit', `${project}-web`, image);
    await docker('run', '-d', '--name', copy, image);
    const plan = await pond(['plan', '--remove-orphans'], { cwd: first });
    expect(plan.stdout + plan.stderr).not.toMatch(/stranger|-copy/);
    const down = await pond(['down'], { cwd: first });
    expect(down.code, down.stderr).toBe(0);
    expect((await seen(`${project}-stranger`)).running).toBe(true);
    expect((await seen(copy)).running).toBe(true);
    await expect(docker('inspect', `${project}-web`)).rejects.toThrow();
  });

  it('a plan names the engine object of every removal', async () => {
    await put(first, 'web-only');
    const up = await pond(['up'], { cwd: first });
    expect(up.code, up.stderr).toBe(0);
    await put(first);
    expect((await pond(['up'], { cwd: first })).code).toBe(0);
    await put(first, 'web-only');
    const plan = await pond(['plan', '--remove-orphans'], { cwd: first });
    expect(plan.stdout).toMatch(new RegExp(`- container worker .*\\[${project}-worker\\]`));
  });
});
