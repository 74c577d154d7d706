import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../../src/desired/types.js';
import type { ObservedState } from '../../../src/engine/types.js';
import { planDown } from '../../../src/plan/down.js';
import { operationPlan } from '../../../src/plan/operate.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { renderEdges } from '../../../src/plan/render-edges.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import type { WorkloadSpec } from '../../../src/model/types.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const health = { probe: { exec: ['pg_isready'] }, intervalMs: 5000, timeoutMs: 5000, retries: 3, startPeriodMs: 0 };
const pgdata = [{ type: 'volume' as const, source: 'pgdata', target: '/var/lib/postgresql/data', readOnly: false }];

/** db (healthy) ← seed (completed) ← api ← web (started): every condition a need can wait for. */
const stack = (over: Record<string, Partial<WorkloadSpec>> = {}) =>
  project(
    [
      workload('db', { image: 'postgres:15', health, mounts: pgdata, ...over.db }),
      workload('seed', { dependsOn: { db: 'healthy' }, ...over.seed }),
      workload('api', { dependsOn: { db: 'healthy', seed: 'completed' }, ...over.api }),
      workload('web', { dependsOn: { api: 'started' }, ...over.web }),
    ],
    ['pgdata'],
  );

/** Container ids that do not depend on the order tests run in. */
function pinned(observed: ObservedState): ObservedState {
  return {
    ...observed,
    workloads: observed.workloads.map((c) => ({ ...c, id: `${c.labels['dev.pond.workload']}0123456789abcdef` })),
  };
}

describe('golden plans (edges, causes and reasons)', () => {
  it('a cold up creates the network and volume first, then each workload after the condition it depends on', () => {
    expect(renderEdges(reconcile(desiredOf(stack()), EMPTY, UP))).toMatchInlineSnapshot(`
      "[] -> network:default create: does not exist (absent) | reaches started
      [] -> volume:pgdata create: does not exist (absent) | reaches started
      [network:default@started, volume:pgdata@started] -> container:db create: does not exist (absent) | reaches started,healthy
      [network:default@started, container:db@healthy] -> container:seed create: does not exist (absent) | reaches started,completed
      [network:default@started, container:db@healthy, container:seed@completed] -> container:api create: does not exist (absent) | reaches started
      [network:default@started, container:api@started] -> container:web create: does not exist (absent) | reaches started
      "
    `);
  });

  it('a changed workload is replaced awaiting its unchanged dependencies, and the dependent that joins its network is replaced after it', () => {
    const before = desiredOf(stack({ web: { network: 'workload:api' } }));
    const after = desiredOf(stack({ web: { network: 'workload:api' }, api: { env: { MODE: 'prod' } } }));
    const plan = reconcile(after, pinned(observedFrom(before)), UP);
    expect(plan.unchanged).toEqual(['db', 'seed']);
    expect(renderEdges(plan)).toMatchInlineSnapshot(`
      "[] -> container:api replace: env.MODE: added "prod" (config-changed) | awaits [db@healthy, seed@completed] | reaches started
      [container:api@started] -> container:web replace: joins the network of api, which is replaced (dependency-replaced) | reaches started
      "
    `);
  });

  it('a scheduled bot due on up is a run step after what it depends on', () => {
    const full = desiredOf(project([workload('db', { health }), workload('report', { dependsOn: { db: 'healthy' } })]));
    const bot = full.containers.find((c) => c.workload === 'report');
    if (!bot) throw new Error('fixture: no report');
    const desired: DesiredState = {
      ...full,
      containers: full.containers.filter((c) => c !== bot),
      order: ['db'],
      containerless: ['report'],
    };
    expect(renderEdges(reconcile(desired, EMPTY, { ...UP, runOnUp: [{ bot, why: 'it never ran' }] })))
      .toMatchInlineSnapshot(`
      "[] -> network:default create: does not exist (absent) | reaches started
      [network:default@started] -> container:db create: does not exist (absent) | reaches started,healthy
      [network:default@started, container:db@healthy] -> bot:report run: it never ran (scheduled-run-on-up) | reaches completed
      "
    `);
  });

  it('down removes dependents first and the network last, best-effort', () => {
    const observed = pinned(observedFrom(desiredOf(stack())));
    expect(renderEdges(planDown('demo', observed, { volumes: true }))).toMatchInlineSnapshot(`
      "[container:web#web012345678@started] -> container:api#api012345678 remove: pond down (requested)
      [container:api#api012345678@started, container:seed#seed01234567@started] -> container:db#db0123456789 remove: pond down (requested)
      [container:api#api012345678@started] -> container:seed#seed01234567 remove: pond down (requested)
      [] -> container:web#web012345678 remove: pond down (requested)
      [container:api#api012345678@started, container:db#db0123456789@started, container:seed#seed01234567@started, container:web#web012345678@started] -> network:default remove: pond down (requested) | best-effort: it is harmless; a dockerd restart clears it
      [container:api#api012345678@started, container:db#db0123456789@started, container:seed#seed01234567@started, container:web#web012345678@started] -> volume:pgdata remove: pond down --volumes: deletes its data (requested) | destructive
      "
    `);
  });

  it('restart --with-dependents starts each dependent after what it depends on', () => {
    const desired = desiredOf(stack());
    const edges = [
      { from: 'seed', to: 'db' },
      { from: 'api', to: 'db' },
      { from: 'api', to: 'seed' },
      { from: 'web', to: 'api' },
    ];
    const { plan } = operationPlan({
      verb: 'restart',
      named: ['db'],
      withDependents: true,
      desired,
      edges,
      observed: pinned(observedFrom(desired)),
    });
    expect(renderEdges(plan)).toMatchInlineSnapshot(`
      "[] -> container:db restart: pond restart (requested) | reaches started
      [container:db@started] -> container:seed restart: depends on db (--with-dependents) (with-dependents) | reaches started
      [container:db@started, container:seed@started] -> container:api restart: depends on db (--with-dependents) (with-dependents) | reaches started
      [container:api@started] -> container:web restart: depends on db (--with-dependents) (with-dependents) | reaches started
      "
    `);
  });
});
