import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nanoCpus, toCreateOptions } from '../../../src/engine/docker/create-options.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { observedFrom } from '../../support/fixtures.js';
import { hashesOfKindsWithoutNewDefaults } from '../../support/kinds-fixture.js';
import { errorsOf, tempProject } from '../../support/project.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const query = (extra = '') => `  q:\n    kind: query\n    sql: "select 1"\n${extra}`;
const bot = (extra = '') => `  b:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n${extra}`;
const files = { 'bot/main.py': 'print(1)\n' };

describe('default resource limits', () => {
  it('a query gets 4g and 2 CPUs, both marked as defaults', async () => {
    const { spec } = await (await tempProject(query())).load();
    expect(spec.workloads[0]!.resources).toEqual({ memoryBytes: 4 * GiB, cpus: 2 });
    expect(spec.workloads[0]!.resourceDefaults).toEqual(['cpus', 'memory']);
  });

  it('resources: on a query wins key by key, and only the keys left unset stay marked as defaults', async () => {
    const { spec } = await (await tempProject(query('    resources: { memory: 1g }\n'))).load();
    expect(spec.workloads[0]!.resources).toEqual({ memoryBytes: GiB, cpus: 2 });
    expect(spec.workloads[0]!.resourceDefaults).toEqual(['cpus']);
  });

  it('none lifts a default limit: memory: none and cpus: none leave the container unlimited', async () => {
    const { desired } = await (await tempProject(query('    resources: { memory: none, cpus: none }\n'))).load();
    const host = toCreateOptions(desired.containers[0]!.spec, { cpus: 8 }).HostConfig!;
    expect([host.Memory, host.NanoCpus]).toEqual([undefined, undefined]);
  });

  it('a long-running bot gets 512m and no CPU limit', async () => {
    const { spec } = await (await tempProject(bot(), files)).load();
    expect(spec.workloads[0]!.resources).toEqual({ memoryBytes: 512 * MiB });
  });

  it("a scheduled bot's runs get 512m too", async () => {
    const { scheduled } = await (await tempProject(bot('    schedule: "*/5 * * * *"\n'), files)).load();
    expect(scheduled[0]!.spec.resources).toEqual({ memoryBytes: 512 * MiB });
  });

  it('a service gets no limit and no defaults mark', async () => {
    const { spec } = await (await tempProject('  s:\n    image: busybox:1.35\n')).load();
    expect(spec.workloads[0]!.resources).toEqual({});
    expect(spec.workloads[0]!.resourceDefaults).toBeUndefined();
  });

  it('the defaults mark stays out of the dev.pond.spec label (so no plan names it as a change)', async () => {
    const { desired } = await (await tempProject(query())).load();
    expect(desired.containers[0]!.resourceDefaults).toEqual(['cpus', 'memory']);
    expect(desired.containers[0]!.display.resources).toEqual({ memory: '4g', cpus: 2, cpu_shares: undefined });
  });

  it('services, notebooks and ephemeral databases hash exactly as before the defaults existed', async () => {
    // Computed by the version before query/bot/durable defaults: an upgrade must not recreate these.
    expect(await hashesOfKindsWithoutNewDefaults()).toEqual({
      explore: 'c3b873eb00c2b451f99f55c1e603fb67657bba0ad985750ed5bb296e61d280df',
      plain: '7cfbef2fa7d96a671e626f0efe3a129833a1c45a5f79a7d3ddd1dd121856e867',
      scratch: '75f11f81f9ef9445263e8404b92775eb1b03fbf167563411bc5bd91cce3a1520',
      slow: '1ccf991d66059442e3ddd0237e2dd3d5f52ead4d0d7ddfab781f82c1ba07b8f9',
      web: '8b17047b6b6fe09ae6904a539e7a98560095f264c7cd9fe2aa0046f025b7e5e6',
    });
  });

  it('a query made before the defaults is replaced once, the plan naming the limits it gains', async () => {
    const { dir, load } = await tempProject(query('    resources: { memory: none, cpus: none }\n'));
    const before = (await load()).desired;
    await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\nworkloads:\n${query()}`);
    const plan = reconcile((await load()).desired, observedFrom(before), {
      forceRecreate: false,
      noRecreate: false,
      removeOrphans: false,
      wait: true,
    });
    expect(plan.steps.map((s) => [s.action, s.changes])).toEqual([
      ['replace', ['resources.cpus: added 2', 'resources.memory: added "4g"']],
    ]);
  });

  it('a memory that is neither a size nor none is refused at its location', async () => {
    const { load } = await tempProject(query('    resources: { memory: unlimited }\n'));
    expect(await errorsOf(load())).toEqual([
      '7:26 pattern: resources.memory in workload "q" must be a size such as "256m", "1.5g" or a number of bytes, or none for no limit, not "unlimited"',
    ]);
  });
});

describe('CPU limit at container create', () => {
  it("is lowered to the host's CPU count when it asks for more", () => {
    expect(nanoCpus(2, 1)).toBe(1e9);
  });

  it("is kept when the host has enough CPUs, or when the host's count is unknown", () => {
    expect([nanoCpus(1.5, 4), nanoCpus(2)]).toEqual([1.5e9, 2e9]);
  });

  it('reaches the create body clamped while the desired spec keeps what was asked', async () => {
    const { desired } = await (await tempProject(query())).load();
    expect(toCreateOptions(desired.containers[0]!.spec, { cpus: 1 }).HostConfig!.NanoCpus).toBe(1e9);
    expect(desired.containers[0]!.spec.resources.cpus).toBe(2);
  });
});
