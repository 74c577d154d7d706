import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker } from '../integration/helpers/docker.js';
import { pond, ROOT } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

/** Every entry under `dir` (folders too): path → type, mode and content (a hash of the bytes, a link's target). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const at = path.join(rel, name);
      const stat = fs.lstatSync(path.join(dir, at));
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) out[at] = `link ${mode} ${fs.readlinkSync(path.join(dir, at))}`;
      else if (stat.isDirectory()) {
        out[at] = `dir ${mode}`;
        walk(at);
      } else
        out[at] = `file ${mode} ${createHash('sha256')
          .update(fs.readFileSync(path.join(dir, at)))
          .digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/** What the engine holds under the project's label: plan must leave it empty. */
async function objectsOf(project: string): Promise<string[]> {
  const filter = `label=dev.pond.project=${project}`;
  const lists = await Promise.all([
    docker('ps', '-aq', '--filter', filter),
    docker('volume', 'ls', '-q', '--filter', filter),
    docker('network', 'ls', '-q', '--filter', filter),
  ]);
  return lists.flatMap((l) => l.split('\n').filter(Boolean));
}

const examples = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'examples', d, 'pond.yaml')));
/** A notebook beside a dependency cycle (testdata/read-only-load/). */
const cyclic = scenario('read-only-load');
/** The examples are planned under a name of the run's, so the engine check below looks at nothing of anyone else's. */
const project = `${cyclic.project}-examples`;
const temps: string[] = [];
afterAll(async () => {
  await cleanupProject(project);
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('loading only reads: validate and plan leave the project folder byte for byte as it was', () => {
  it('covers the quickstart among the examples', () => {
    expect(examples).toContain('quickstart');
  });

  it.each(examples)('examples/%s', async (name) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hl-readonly-${name}-`));
    temps.push(dir);
    fs.cpSync(path.join(ROOT, 'examples', name), dir, { recursive: true });
    const before = snapshot(dir);
    const validate = await pond(['validate'], { cwd: dir });
    expect(validate.code, validate.stderr).toBe(0);
    const plan = await pond(['-p', project, 'plan'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Plan: \d+ to create/);
    expect(snapshot(dir)).toEqual(before);
    expect(await objectsOf(project)).toEqual([]);
  });

  it('a notebook beside a dependency cycle: validate exits 3 and writes nothing', async () => {
    const before = snapshot(cyclic.dir);
    const validate = await cyclic.pond(['validate']);
    expect(validate.code).toBe(3);
    expect(validate.stderr).toContain('dependency cycle: a → b → a');
    expect(snapshot(cyclic.dir)).toEqual(before);
  });
});
