import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareProjectFiles } from '../../../src/session/prepare-files.js';
import { tempProject } from '../../support/project.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const notebookAndQuery =
  '  explore:\n    kind: notebook\n    notebook: notebooks\n    data: [out]\n  q:\n    kind: query\n    sql: "SELECT 1"\n';

async function project() {
  const p = await tempProject(notebookAndQuery, { 'notebooks/a.py': '' });
  dirs.push(p.dir);
  return p;
}

describe('prepareProjectFiles: the one step that writes before containers are made', () => {
  it('loading writes nothing, not even the folder a query writes to or the notebook token', async () => {
    const { dir, load } = await project();
    await load();
    expect(fs.readdirSync(dir).sort()).toEqual(['notebooks', 'pond.yaml']);
  });

  it("a notebook may read a query's output folder before the query first ran", async () => {
    const { load } = await project();
    const nb = (await load()).spec.workloads.find((w) => w.name === 'explore')!;
    expect(nb.mounts.map((m) => m.target)).toContain('/data/out');
  });

  it('every load of one process draws the same token until it is written, and prepare writes that one', async () => {
    const { dir, load } = await project();
    const first = await load();
    const token = first.spec.workloads.find((w) => w.name === 'explore')!.notebook!.token;
    expect((await load()).desired.containers.find((c) => c.workload === 'explore')!.hash).toBe(
      first.desired.containers.find((c) => c.workload === 'explore')!.hash,
    );
    prepareProjectFiles(first);
    expect(fs.readFileSync(path.join(dir, '.pond/notebook/explore.token'), 'utf8').trim()).toBe(token);
    expect(fs.statSync(path.join(dir, 'out')).isDirectory()).toBe(true);
  });

  it('refuses to go on when another process wrote a different token first', async () => {
    const { dir, load } = await project();
    const loaded = await load();
    fs.mkdirSync(path.join(dir, '.pond/notebook'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.pond/notebook/explore.token'), 'someone-else-0000\n');
    expect(() => prepareProjectFiles(loaded)).toThrow(/another pond gave notebook "explore" its token/);
  });
});
