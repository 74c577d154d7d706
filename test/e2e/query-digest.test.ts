import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('query-digest');
const { project } = s;
const BIG = 50 * 1024 * 1024;
const OLD = new Date('2026-01-01T00:00:00Z');
let big: string;

/** The query's container as the engine reports it: a re-run makes a new one. */
async function started(): Promise<{ id: string; startedAt: string }> {
  const id = await docker(
    'ps',
    '-aq',
    '--filter',
    `label=dev.pond.project=${project}`,
    '--filter',
    'label=dev.pond.workload=rows',
  );
  const startedAt = await docker('inspect', '--format', '{{.State.StartedAt}}', id);
  return { id, startedAt };
}

const cachedFiles = async (): Promise<string[]> =>
  Object.keys(JSON.parse(await fs.readFile(s.at('.pond/cache/digests.json'), 'utf8')).files as object);

beforeAll(async () => {
  await waitForImage('node:22-slim');
  big = s.at('data/big.bin');
  await fs.writeFile(big, Buffer.alloc(BIG, 'x'));
  await fs.utimes(big, OLD, OLD);
});

describe('query inputs through the digest cache (50 MB input)', () => {
  it('an unchanged input does not re-run the query on up, with its digest cached', async () => {
    const first = await s.pond(['up']);
    expect(first.code, first.stderr).toBe(0);
    const before = await started();
    // A digest is kept once the file is older than RACY_MS: up again until the cache holds it.
    await eventually(
      async () => {
        const again = await s.pond(['up']);
        expect(again.stderr).toContain('No changes');
        expect(await cachedFiles()).toContain('data/big.bin');
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const warm = await s.pond(['up']);
    expect(warm.stderr).toContain('No changes');
    expect(await started()).toEqual(before);
  });

  it('a changed input re-runs the query on up, even with the same size and the mtime set back', async () => {
    const before = await started();
    const handle = await fs.open(big, 'r+');
    await handle.write(Buffer.from('y'), 0, 1, BIG / 2);
    await handle.close();
    await fs.utimes(big, OLD, OLD);
    const changed = await s.pond(['up']);
    expect(changed.code, changed.stderr).toBe(0);
    const after = await started();
    expect(after.id).not.toBe(before.id);
    expect(after.startedAt > before.startedAt).toBe(true);
    expect(JSON.parse(await fs.readFile(s.at('out/rows.json'), 'utf8'))).toEqual([{ n: 2 }]);
  });
});
