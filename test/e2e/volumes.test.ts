import { describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('volumes');
const { project } = s;
const readRow = async () => docker('exec', `${project}-store`, 'cat', '/data/row');

describe('named volumes', () => {
  it('keep their data across a replace of the container and across down/up', async () => {
    expect((await s.pond(['up'])).code).toBe(0);
    const row = await readRow();
    expect(row).not.toBe('');
    s.use('b');
    const before = (await containers(project)).store!.id;
    expect((await s.pond(['up'])).code).toBe(0);
    expect((await containers(project)).store!.id).not.toBe(before);
    expect(await readRow()).toBe(row);
    const down = await s.pond(['down']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain(`kept volume ${project}_data`);
    expect((await s.pond(['up'])).code).toBe(0);
    expect(await readRow()).toBe(row);
  });

  it('down --volumes without a terminal refuses without --yes and removes nothing', async () => {
    const down = await s.pond(['down', '--volumes']);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('--volumes deletes data: nothing was removed');
    expect((await containers(project)).store!.state).toBe('running');
    expect(await docker('volume', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe(`${project}_data`);
  });

  it('down --volumes --yes deletes the volume', async () => {
    const down = await s.pond(['down', '--volumes', '--yes']);
    expect(down.code, down.stderr).toBe(0);
    expect(await docker('volume', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe('');
  });
});
