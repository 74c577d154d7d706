import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('h-secrets-harden');
const stack = `version: 1
name: ${project}
workloads:
  totals:
    kind: query
    sql: "SELECT sum(amount) AS total FROM read_csv('data/orders.csv')"
    inputs: [data/orders.csv]
    output: { path: results/totals.json }
  plain:
    kind: query
    sql: "SELECT 42 AS answer"
`;

interface Inspected {
  HostConfig: { ReadonlyRootfs: boolean; CapDrop: string[] | null; SecurityOpt: string[] | null; PidsLimit: number | null; Mounts: { Type: string; Target: string }[] };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
  State: { ExitCode: number };
}
const inspect = async (workload: string): Promise<Inspected> => (JSON.parse(await docker('inspect', `${project}-${workload}`)) as Inspected[])[0]!;
let dir: string;

beforeAll(async () => {
  await waitForImage('node:22-slim');
  dir = await projectDir({ 'pond.yaml': stack, 'data/orders.csv': 'amount\n10\n5\n' });
  const up = await pond(['up'], { cwd: dir });
  expect(up.code, up.stderr).toBe(0);
}, 180_000);
afterAll(() => cleanupProject(project));

describe('a query runs hardened by default', () => {
  it('the engine holds it with a read-only root, no capabilities, no-new-privileges and a pids limit', async () => {
    const host = (await inspect('totals')).HostConfig;
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.SecurityOpt).toContain('no-new-privileges');
    expect(host.PidsLimit).toBe(256);
    expect(host.Mounts.filter((m) => m.Type === 'tmpfs').map((m) => m.Target)).toEqual(['/tmp']);
  });

  it('still writes its output, exit 0', async () => {
    expect((await inspect('totals')).State.ExitCode).toBe(0);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'results/totals.json'), 'utf8'))).toEqual([{ total: 15 }]);
  });

  it('without output: only out/ is writable, never the project folder, and the result lands in out/', async () => {
    const c = await inspect('plain');
    const writable = c.Mounts.filter((m) => m.Type === 'bind' && m.RW).map((m) => m.Source);
    expect(writable).toEqual([path.join(dir, 'out')]);
    expect(JSON.parse(await fs.readFile(path.join(dir, 'out/plain.json'), 'utf8'))).toEqual([{ answer: 42 }]);
  });
});
