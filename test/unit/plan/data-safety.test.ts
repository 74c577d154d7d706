import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/pipeline.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, observedFrom, project, workload, stepIs } from '../../support/fixtures.js';
import { tempDir } from '../../support/temp-dir.js';

const OPTS: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };

async function load(body: string) {
  const dir = tempDir('pond-safety-');
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\n${body}`);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}
const db = (extra: string) => `workloads:\n  warehouse:\n    kind: database\n    engine: postgres\n${extra}`;

describe('plan warnings about data', () => {
  it('mode: fast on persistent storage says what fsync off risks, naming the volume', async () => {
    const { desired } = await load(db('    storage: persistent\n    mode: fast\n'));
    expect(reconcile(desired, observedFrom(desired), OPTS).warnings).toEqual([
      'warehouse: fsync off (mode: fast): a crash of the engine or machine can corrupt the data in volume demo_warehouse-data (mode: durable, the default for persistent storage, syncs it)',
    ]);
  });

  it('a persistent database with the default mode plans no fsync warning', async () => {
    const { desired } = await load(db('    storage: persistent\n'));
    expect(reconcile(desired, observedFrom(desired), OPTS).warnings).toEqual([]);
  });

  it('a replace of an ephemeral database says it discards the data', async () => {
    const before = await load(db('    env: { A: "1" }\n'));
    const after = await load(db('    env: { A: "2" }\n'));
    const plan = reconcile(after.desired, observedFrom(before.desired), OPTS);
    expect(plan.steps.map((s) => `${s.action} ${s.name}`)).toEqual(['replace warehouse']);
    expect(plan.warnings).toEqual([
      'warehouse: replacing discards its ephemeral data (storage: ephemeral; storage: persistent keeps it)',
    ]);
  });

  it('a replace of a persistent database does not warn about discarding data', async () => {
    const before = await load(db('    storage: persistent\n    env: { A: "1" }\n'));
    const after = await load(db('    storage: persistent\n    env: { A: "2" }\n'));
    expect(reconcile(after.desired, observedFrom(before.desired), OPTS).warnings).toEqual([]);
  });

  it('labels changed on an existing volume are a warning, not silently ignored', async () => {
    const before = desiredOf(project([workload('a')], ['pgdata']));
    const spec = project([workload('a')], ['pgdata']);
    spec.volumes[0]!.labels = { team: 'data' };
    const plan = reconcile(desiredOf(spec), observedFrom(before), OPTS);
    expect(plan.steps).toEqual([]);
    expect(plan.warnings).toEqual([
      'volume pgdata: labels changed in pond.yaml (team), but an existing volume cannot be changed: it is kept as it is (pond down --volumes and up recreate it, deleting its data)',
    ]);
  });
});

describe('auto-assigned service ports', () => {
  it('a replace re-uses the host port the engine picked for the old container', () => {
    const ports = [{ container: 8080, protocol: 'tcp' as const, hostIp: '127.0.0.1' }];
    const before = desiredOf(project([workload('web', { ports, env: { A: '1' } })]));
    const after = desiredOf(project([workload('web', { ports, env: { A: '2' } })]));
    const observed = observedFrom(before, {
      web: { ports: [{ container: 8080, host: 49153, hostIp: '127.0.0.1', protocol: 'tcp' }] },
    });
    const plan = reconcile(after, observed, OPTS);
    expect(plan.steps[0]!.action).toBe('replace');
    expect(stepIs(plan.steps[0], 'container', 'replace').container.spec.ports).toEqual([
      { container: 8080, host: 49153, protocol: 'tcp', hostIp: '127.0.0.1' },
    ]);
    expect(stepIs(plan.steps[0], 'container', 'replace').container.hash).toBe(after.containers[0]!.hash);
  });

  it('a create leaves the host port to the engine', () => {
    const ports = [{ container: 8080, protocol: 'tcp' as const, hostIp: '127.0.0.1' }];
    const plan = reconcile(
      desiredOf(project([workload('web', { ports })])),
      { workloads: [], volumes: [], networks: [] },
      OPTS,
    );
    expect(
      stepIs(
        plan.steps.find((s) => s.name === 'web'),
        'container',
        'create',
      ).container.spec.ports[0]!.host,
    ).toBeUndefined();
  });
});
