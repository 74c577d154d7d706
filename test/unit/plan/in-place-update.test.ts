import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import { renderPlan } from '../../../src/plan/render.js';
import type { ContainerUpdate, PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, observedFrom, project, workload } from '../../support/fixtures.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const stack = (mode: string) => project([workload('web', { env: { MODE: mode } })]);

describe('an in-place update, where the backend can (Swarm)', () => {
  const observed = observedFrom(desiredOf(stack('dev')), { web: { version: '41' } });

  it('a changed workload is updated at the version observed, never replaced', () => {
    const plan = reconcile(desiredOf(stack('prod')), observed, { ...UP, inPlaceUpdate: true });
    expect(plan.steps.map((s) => `${s.action} ${s.id}`)).toEqual(['update container:web']);
    const step = plan.steps[0] as ContainerUpdate;
    expect([step.observedId, step.version, step.changes]).toEqual([
      observed.workloads[0]!.id,
      '41',
      ['env.MODE: "dev" → "prod"'],
    ]);
  });

  it('reads "~ update in place" in the plan text, and the same change replaces on one machine', () => {
    const text = renderPlan(reconcile(desiredOf(stack('prod')), observed, { ...UP, inPlaceUpdate: true }), {
      color: false,
    });
    expect(text).toContain('   ~ container web       env.MODE: "dev" → "prod"');
    expect(text).toContain('Plan: 0 to create, 0 to replace, 1 to update in place, 0 to start, 0 to remove.');
    expect(reconcile(desiredOf(stack('prod')), observed, UP).steps.map((s) => s.action)).toEqual(['replace']);
  });

  it('an unchanged workload is left alone', () => {
    expect(reconcile(desiredOf(stack('dev')), observed, { ...UP, inPlaceUpdate: true }).steps).toEqual([]);
  });
});
