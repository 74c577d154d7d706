import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import path from 'node:path';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-vol');
const stack = (mode: string) => `version: 1
name: ${project}
workloads:
  store:
    image: busybox:1.35
    command: [sh, -c, "test -f /data/row || date > /data/row; exec sleep 3600"]
    env: { MODE: ${mode} }
    volumes: ["data:/data"]
volumes:
  data: {}
`;
let dir: string;
const readRow = async () => docker('exec', `${project}-store`, 'cat', '/data/row');

beforeAll(async () => {
  dir = await projectDir({ 'pond.yaml': stack('a') });
});
afterAll(() => cleanupProject(project));

describe('named volumes', () => {
  it('keep their data across a replace of the container and across down/up', async () => {
    expect((await pond(['up'], { cwd: dir })).code).toBe(0);
    const row = await readRow();
    expect(row).not.toBe('');
    await fs.writeFile(path.join(dir, 'pond.yaml'), stack('b'));
    const before = (await containers(project)).store!.id;
    expect((await pond(['up'], { cwd: dir })).code).toBe(0);
    expect((await containers(project)).store!.id).not.toBe(before);
    expect(await readRow()).toBe(row);
    const down = await pond(['down'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain(`kept volume ${project}_data`);
    expect((await pond(['up'], { cwd: dir })).code).toBe(0);
    expect(await readRow()).toBe(row);
  });

  it('down --volumes without a terminal refuses without --yes and removes nothing', async () => {
    const down = await pond(['down', '--volumes'], { cwd: dir });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('--volumes deletes data: nothing was removed');
    expect((await containers(project)).store!.state).toBe('running');
    expect(await docker('volume', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe(`${project}_data`);
  });

  it('down --volumes --yes deletes the volume', async () => {
    const down = await pond(['down', '--volumes', '--yes'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(await docker('volume', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe('');
  });
});
