import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { dependentsOf, selectTargets } from '../../../src/plan/targets.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const edges = [
  { from: 'web', to: 'api' },
  { from: 'api', to: 'db' },
  { from: 'report', to: 'db' },
];
const known = ['api', 'db', 'report', 'web', 'solo'];

describe('selectTargets', () => {
  it('widens named workloads to everything they depend on, transitively', () => {
    expect([...selectTargets(['web'], known, edges)].sort()).toEqual(['api', 'db', 'web']);
  });

  it('keeps exactly the named ones with --no-deps', () => {
    expect([...selectTargets(['web'], known, edges, true)]).toEqual(['web']);
  });

  it('refuses an unknown name with the closest known one as a hint', () => {
    expect(() => selectTargets(['wbe'], known, edges)).toThrow(UsageError);
    try {
      selectTargets(['wbe'], known, edges);
    } catch (e) {
      expect((e as UsageError).hint).toContain('did you mean "web"');
    }
  });

  it('finds dependents transitively', () => {
    expect([...dependentsOf(['db'], edges)].sort()).toEqual(['api', 'report', 'web']);
  });
});

describe('a targeted plan', () => {
  const spec = project(
    [
      workload('db', { mounts: [{ type: 'volume', source: 'pgdata', target: '/data', readOnly: false }] }),
      workload('web', { dependsOn: { db: 'started' } }),
      workload('other', { mounts: [{ type: 'volume', source: 'cache', target: '/c', readOnly: false }] }),
    ],
    ['pgdata', 'cache'],
  );
  const desired = desiredOf(spec);

  it('on an empty project creates only the targets, their volumes and the network', () => {
    const plan = reconcile(desired, EMPTY, { ...UP, targets: ['db', 'web'] });
    expect(plan.steps.map((s) => s.id).sort()).toEqual([
      'container:db',
      'container:web',
      'network:default',
      'volume:pgdata',
    ]);
  });

  it('never removes orphans, even when asked to', () => {
    const observed = observedFrom(desired);
    const orphan = {
      ...observed.workloads[0]!,
      id: 'orphan0000001',
      name: 'demo-gone',
      labels: { ...observed.workloads[0]!.labels, 'dev.pond.workload': 'gone' },
    };
    const plan = reconcile(
      desired,
      { ...observed, workloads: [...observed.workloads, orphan] },
      { ...UP, removeOrphans: true, targets: ['web'] },
    );
    expect(plan.steps).toEqual([]);
    expect(plan.orphans.map((o) => o.name)).toEqual(['gone']);
  });

  it('with --no-deps still waits for an existing dependency it does not touch', () => {
    const d = desiredOf(project([workload('db'), workload('web', { dependsOn: { db: 'completed' } })]));
    const observed = observedFrom(d);
    const plan = reconcile(
      d,
      { ...observed, workloads: observed.workloads.filter((c) => c.labels['dev.pond.workload'] === 'db') },
      { ...UP, targets: ['web'] },
    );
    expect(plan.steps.map((s) => s.id)).toEqual(['container:web']);
    expect(plan.steps[0]!.awaits.map((a) => a.workload)).toEqual(['db']);
  });
});
