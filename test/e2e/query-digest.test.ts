import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-perf-digest-e2e');
const stack = `version: 1
name: ${project}
workloads:
  rows:
    kind: query
    sql: "SELECT count(*) AS n FROM read_csv('data/rows.csv')"
    inputs: [data]
    output: { path: out/rows.json }
`;
const BIG = 50 * 1024 * 1024;
const OLD = new Date('2026-01-01T00:00:00Z');
let dir: string;
let big: string;

/** The query's container as the engine reports it: a re-run makes a new one. */
async function started(): Promise<{ id: string; startedAt: string }> {
  const id = await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`, '--filter', 'label=dev.pond.workload=rows');
  const startedAt = await docker('inspect', '--format', '{{.State.StartedAt}}', id);
  return { id, startedAt };
}

const cachedFiles = async (): Promise<string[]> => Object.keys(JSON.parse(await fs.readFile(path.join(dir, '.pond/cache/digests.json'), 'utf8')).files as object);

beforeAll(async () => {
  await waitForImage('node:22-slim');
  dir = await projectDir({ 'pond.yaml': stack, 'data/rows.csv': 'a\n1\n2\n' });
  big = path.join(dir, 'data/big.bin');
  await fs.writeFile(big, Buffer.alloc(BIG, 'x'));
  await fs.utimes(big, OLD, OLD);
});
afterAll(() => cleanupProject(project));

describe('query inputs through the digest cache (50 MB input)', () => {
  it('an unchanged input does not re-run the query on up, with its digest cached', async () => {
    const first = await pond(['up'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const before = await started();
    // A digest is kept once the file is older than RACY_MS: up again until the cache holds it.
    await eventually(
      async () => {
        const again = await pond(['up'], { cwd: dir });
        expect(again.stderr).toContain('No changes');
        expect(await cachedFiles()).toContain('data/big.bin');
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const warm = await pond(['up'], { cwd: dir });
    expect(warm.stderr).toContain('No changes');
    expect(await started()).toEqual(before);
  });

  it('a changed input re-runs the query on up, even with the same size and the mtime set back', async () => {
    const before = await started();
    const handle = await fs.open(big, 'r+');
    await handle.write(Buffer.from('y'), 0, 1, BIG / 2);
    await handle.close();
    await fs.utimes(big, OLD, OLD);
    const changed = await pond(['up'], { cwd: dir });
    expect(changed.code, changed.stderr).toBe(0);
    const after = await started();
    expect(after.id).not.toBe(before.id);
    expect(after.startedAt > before.startedAt).toBe(true);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'out/rows.json'), 'utf8'))).toEqual([{ n: 2 }]);
  });
});
