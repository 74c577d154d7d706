import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('hardening');
const { project } = s;

interface Inspected {
  HostConfig: {
    ReadonlyRootfs: boolean;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
    PidsLimit: number | null;
    Mounts: { Type: string; Target: string }[];
  };
  Mounts: { Type: string; Source: string; Destination: string; RW: boolean }[];
  State: { ExitCode: number };
}
const inspect = async (workload: string): Promise<Inspected> =>
  (JSON.parse(await docker('inspect', `${project}-${workload}`)) as Inspected[])[0]!;

beforeAll(async () => {
  await waitForImage('node:22-slim');
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
}, 180_000);

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
    expect(JSON.parse(await fs.readFile(s.at('results/totals.json'), 'utf8'))).toEqual([{ total: 15 }]);
  });

  it('without output: only out/ is writable, never the project folder, and the result lands in out/', async () => {
    const c = await inspect('plain');
    const writable = c.Mounts.filter((m) => m.Type === 'bind' && m.RW).map((m) => m.Source);
    expect(writable).toEqual([s.at('out')]);
    expect(JSON.parse(await fs.readFile(s.at('out/plain.json'), 'utf8'))).toEqual([{ answer: 42 }]);
  });
});
