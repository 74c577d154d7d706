import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import { hasChanges, planToJson, renderPlan } from '../../../src/plan/render.js';
import type { Plan, PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const health = { probe: { exec: ['true'] }, intervalMs: 5000, timeoutMs: 5000, retries: 3, startPeriodMs: 0 };
const spec = (image = 'busybox:1.35') => project([workload('app', { image, health })]);
const reasons = (plan: Plan): string[] => plan.steps.map((s) => `${s.id} ${s.reason}`);

/** A plan whose only step is a scheduled bot's run on up. */
function botRunPlan(): Plan {
  const full = desiredOf(project([workload('report')]));
  const bot = full.containers[0]!;
  return reconcile({ ...full, containers: [], order: [], networks: [], containerless: ['report'] }, EMPTY, {
    ...UP,
    runOnUp: [{ bot, why: 'it never ran' }],
  });
}

describe('reason codes', () => {
  it('an image change is image-changed, any other field config-changed, --force-recreate forced', () => {
    const observed = observedFrom(desiredOf(spec()));
    expect(reasons(reconcile(desiredOf(spec('busybox:1.36')), observed, UP))).toEqual(['container:app image-changed']);
    const other = project([workload('app', { image: 'busybox:1.35', health, env: { A: '1' } })]);
    expect(reasons(reconcile(desiredOf(other), observed, UP))).toEqual(['container:app config-changed']);
    expect(reasons(reconcile(desiredOf(spec()), observed, { ...UP, forceRecreate: true }))).toEqual([
      'container:app forced',
    ]);
  });

  it('a container that is not running says whether it exited, is otherwise stopped, or was unhealthy (watch)', () => {
    const desired = desiredOf(spec());
    expect(reasons(reconcile(desired, observedFrom(desired, { app: { state: 'exited', exitCode: 1 } }), UP))).toEqual([
      'container:app exited',
    ]);
    expect(reasons(reconcile(desired, observedFrom(desired, { app: { state: 'created' } }), UP))).toEqual([
      'container:app stopped',
    ]);
    expect(
      reasons(reconcile(desired, observedFrom(desired, { app: { health: 'unhealthy' } }), { ...UP, heal: true })),
    ).toEqual(['container:app unhealthy']);
    expect(
      reasons(
        reconcile(desired, observedFrom(desired, { app: { state: 'exited', exitCode: 0 } }), {
          ...UP,
          stoppedByEngine: ['app'],
        }),
      ),
    ).toEqual(['container:app engine-restarted']);
  });

  it('removals name why: an orphan, a run whose pond is gone', () => {
    const desired = desiredOf(spec());
    const old = observedFrom(
      desiredOf(project([workload('app', { image: 'busybox:1.35', health }), workload('gone')])),
    );
    const plan = reconcile(desired, old, { ...UP, removeOrphans: true });
    expect(plan.steps.map((s) => `${s.action} ${s.name} ${s.reason}`)).toEqual(['remove gone orphan']);
    const run = {
      ...old.workloads[1]!,
      id: 'run0123456789',
      labels: { ...old.workloads[1]!.labels, 'dev.pond.run': 'r1' },
    };
    const abandoned = reconcile(
      desired,
      { ...observedFrom(desired), workloads: [...observedFrom(desired).workloads, run] },
      { ...UP, abandonedRuns: ['run0123456789'] },
    );
    expect(abandoned.steps.map((s) => s.reason)).toEqual(['abandoned-run']);
  });

  it('the JSON keeps every field it had and adds reason beside cause', () => {
    const step = (planToJson(reconcile(desiredOf(spec()), EMPTY, UP)).steps as Record<string, unknown>[])[1]!;
    expect(Object.keys(step)).toEqual([
      'id',
      'action',
      'resource',
      'name',
      'engine_name',
      'cause',
      'reason',
      'changes',
      'destructive',
      'needs',
      'risks',
    ]);
    expect(step).toMatchObject({
      id: 'container:app',
      action: 'create',
      resource: 'container',
      name: 'app',
      cause: 'does not exist',
      reason: 'absent',
    });
  });
});

describe('a bot run on up is a step of the plan', () => {
  it('counts as a change, so --detailed-exitcode follows from the plan alone', () => {
    expect(hasChanges(botRunPlan())).toBe(true);
  });

  it('shows in the text plan and its summary', () => {
    const text = renderPlan(botRunPlan(), { color: false });
    expect(text).toContain(' >> bot       report    it never ran');
    expect(text).toContain('Plan: 0 to create, 0 to replace, 0 to start, 0 to remove, 1 to run.');
  });

  it('shows in the JSON with its action, resource, reason and summary count', () => {
    const json = planToJson(botRunPlan());
    expect(json.steps).toMatchObject([
      {
        id: 'bot:report',
        action: 'run',
        resource: 'bot',
        name: 'report',
        cause: 'it never ran',
        reason: 'scheduled-run-on-up',
      },
    ]);
    expect(json.summary).toMatchObject({ run: 1 });
  });

  it('a targeted up runs only the targeted bots', () => {
    const full = desiredOf(project([workload('report')]));
    const bot = full.containers[0]!;
    const plan = reconcile({ ...full, containers: [], order: [], containerless: ['report'] }, EMPTY, {
      ...UP,
      targets: ['other'],
      runOnUp: [{ bot, why: 'it never ran' }],
    });
    expect(plan.steps.filter((s) => s.resource === 'bot')).toEqual([]);
  });
});
