import { describe, expect, it } from 'vitest';
import { planDown } from '../../../src/plan/down.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { renderPlan, hasChanges, planToJson } from '../../../src/plan/render.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const text = (p: Parameters<typeof renderPlan>[0]): string => renderPlan(p, { color: false });
const health = { probe: { exec: ['pg_isready'] }, intervalMs: 5000, timeoutMs: 5000, retries: 3, startPeriodMs: 0 };

const stack = (env: Record<string, string> = { MODE: 'dev' }) =>
  project(
    [
      workload('db', {
        image: 'postgres:15',
        health,
        env: { POSTGRES_PASSWORD: 'hunter2' },
        sensitive: ['POSTGRES_PASSWORD'],
        mounts: [{ type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', readOnly: false }],
      }),
      workload('web', { env, dependsOn: { db: 'healthy' } }),
    ],
    ['pgdata'],
  );

describe('reconcile', () => {
  it('plans a cold start: network and volume first, then containers in dependency order', () => {
    const plan = reconcile(desiredOf(stack()), EMPTY, UP);
    expect(text(plan)).toBe(
      [
        'pond will perform these actions on project "demo":',
        '',
        '   + network   default   does not exist',
        '   + volume    pgdata    does not exist',
        '   + container db        does not exist',
        '   + container web       does not exist',
        '',
        'Plan: 4 to create, 0 to replace, 0 to start, 0 to remove.',
        '',
      ].join('\n'),
    );
    const web = plan.steps.find((s) => s.id === 'container:web')!;
    expect(web.needs).toEqual([
      { step: 'network:default', condition: 'started' },
      { step: 'container:db', condition: 'healthy' },
    ]);
    expect(plan.steps.find((s) => s.id === 'container:db')!.reach).toEqual(['started', 'healthy']);
  });

  it('has up check that a workload whose kind settles (a long-running bot) with no readiness check stays up, and only that one, only when waiting', () => {
    const desired = desiredOf(stack());
    desired.containers.find((c) => c.workload === 'web')!.settles = true;
    const settles = (wait: boolean) =>
      reconcile(desired, EMPTY, { ...UP, wait })
        .steps.filter((s) => 'settle' in s && s.settle)
        .map((s) => s.id);
    expect(settles(true)).toEqual(['container:web']);
    expect(settles(false)).toEqual([]);
  });

  it('has no changes when everything runs with the same config', () => {
    const desired = desiredOf(stack());
    const plan = reconcile(desired, observedFrom(desired), UP);
    expect(hasChanges(plan)).toBe(false);
    expect(text(plan)).toBe('No changes. Project "demo" matches its configuration (2 workloads up to date).\n');
  });

  it('replaces exactly the workload whose env changed and names the field', () => {
    const observed = observedFrom(desiredOf(stack({ MODE: 'dev' })));
    const plan = reconcile(desiredOf(stack({ MODE: 'prod' })), observed, UP);
    expect(plan.steps.map((s) => `${s.action} ${s.id}`)).toEqual(['replace container:web']);
    expect(plan.steps[0]!.cause).toBe('env.MODE: "dev" → "prod"');
    expect(plan.steps[0]!.awaits).toEqual([
      { workload: 'db', containerId: observed.workloads[0]!.id, condition: 'healthy', health },
    ]);
    expect(text(plan)).toContain('-/+ container web       env.MODE: "dev" → "prod"');
  });

  it('never prints a secret value, only that it changed', () => {
    const before = desiredOf(stack());
    const after = stack();
    after.workloads[0]!.env.POSTGRES_PASSWORD = 'correct-horse';
    const plan = reconcile(desiredOf(after), observedFrom(before), UP);
    const all = text(plan) + JSON.stringify(planToJson(plan));
    expect(plan.steps[0]!.cause).toBe('env.POSTGRES_PASSWORD: (sensitive) changed');
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('correct-horse');
  });

  it('lists several changed fields under the step', () => {
    const before = desiredOf(stack());
    const after = stack({ MODE: 'prod', EXTRA: '1' });
    after.workloads[1]!.resources = { memoryBytes: 512 * 1024 * 1024 };
    expect(text(reconcile(desiredOf(after), observedFrom(before), UP))).toContain(
      [
        ' -/+ container web       3 fields changed:',
        '                         env.EXTRA: added "1"',
        '                         env.MODE: "dev" → "prod"',
        '                         resources.memory: added "512m"',
      ].join('\n'),
    );
  });

  it('starts an exited container with unchanged config and says why', () => {
    const desired = desiredOf(stack());
    const plan = reconcile(desired, observedFrom(desired, { web: { state: 'exited', exitCode: 137 } }), UP);
    expect(plan.steps.map((s) => [s.action, s.id, s.cause])).toEqual([
      ['start', 'container:web', 'is exited (code 137)'],
    ]);
  });

  it('leaves a task that completed when a dependent waits for completion', () => {
    const spec = project([
      workload('seed', { command: ['true'] }),
      workload('app', { dependsOn: { seed: 'completed' } }),
    ]);
    const desired = desiredOf(spec);
    expect(hasChanges(reconcile(desired, observedFrom(desired, { seed: { state: 'exited', exitCode: 0 } }), UP))).toBe(
      false,
    );
    expect(
      reconcile(desired, observedFrom(desired, { seed: { state: 'exited', exitCode: 1 } }), UP).steps[0]!.action,
    ).toBe('start');
  });

  it('leaves one-off run containers (dev.pond.run) alone: not the workload, not orphans', () => {
    const desired = desiredOf(stack());
    const observed = observedFrom(desired);
    const run = {
      ...observed.workloads[0]!,
      id: 'run0000000001',
      name: 'demo-web-run-1',
      labels: { ...observed.workloads[0]!.labels, 'dev.pond.run': '1', 'dev.pond.config-hash': 'other' },
      state: 'exited' as const,
    };
    const gone = {
      ...run,
      id: 'run0000000002',
      name: 'demo-gone-run-2',
      labels: { ...run.labels, 'dev.pond.workload': 'gone' },
    };
    const plan = reconcile(
      desired,
      { ...observed, workloads: [...observed.workloads, run, gone] },
      { ...UP, removeOrphans: true },
    );
    expect(plan.steps).toEqual([]);
  });

  it('keeps a volume pond.yaml no longer declares; --remove-orphans deletes it last, marked !', () => {
    const before = desiredOf(stack());
    const observed = observedFrom(before);
    const after = project([
      workload('db', { image: 'postgres:15', health }),
      workload('web', { env: { MODE: 'dev' }, dependsOn: { db: 'healthy' } }),
    ]);
    const kept = reconcile(desiredOf(after), observed, UP);
    expect(kept.steps.some((s) => s.resource === 'volume')).toBe(false);
    expect(text(kept)).toContain(
      '   ? volume    pgdata    orphan: not in pond.yaml (kept with its data; --remove-orphans deletes it)',
    );
    const removed = reconcile(desiredOf(after), observed, { ...UP, removeOrphans: true });
    const vol = removed.steps.find((s) => s.resource === 'volume')!;
    expect(vol).toMatchObject({ action: 'remove', destructive: true, engineName: 'demo_pgdata' });
    expect(vol.needs.map((n) => n.step)).toEqual(['container:db']);
    expect(text(removed)).toContain('!  - volume    pgdata    no longer in pond.yaml: deletes its data');
    expect(text(removed)).toContain('1 step deletes data (!)');
    expect(planToJson(kept).orphan_volumes).toEqual([{ name: 'pgdata', engine_name: 'demo_pgdata' }]);
  });

  it('shows a removed workload as an orphan and removes it only when asked', () => {
    const desired = desiredOf(stack());
    const observed = observedFrom(desiredOf(project([...stack().workloads, workload('old')], ['pgdata'])));
    const kept = reconcile(desired, observed, UP);
    expect(hasChanges(kept)).toBe(false);
    expect(text(kept)).toContain(
      '   ? container old       orphan: not in pond.yaml (kept; --remove-orphans removes it)',
    );
    const removed = reconcile(desired, observed, { ...UP, removeOrphans: true });
    expect(removed.steps.map((s) => `${s.action} ${s.name}: ${s.cause}`)).toEqual([
      'remove old: removed from pond.yaml (orphan)',
    ]);
  });

  it('removes what an interrupted replace left behind before replacing again', () => {
    const before = desiredOf(stack());
    const observed = observedFrom(before);
    const web = observed.workloads.find((c) => c.name === 'demo-web')!;
    observed.workloads.push({ ...web, id: 'leftover0000aa', name: `${web.id.slice(0, 12)}_demo-web` });
    const plan = reconcile(desiredOf(stack({ MODE: 'prod' })), observed, UP);
    expect(plan.steps.map((s) => `${s.action} ${s.engineName}: ${s.cause}`)).toEqual([
      `remove ${web.id.slice(0, 12)}_demo-web: leftover of an interrupted replace`,
      'replace demo-web: env.MODE: "dev" → "prod"',
    ]);
    expect(plan.steps[1]!.needs[0]).toEqual({ step: 'container:web#leftover0000', condition: 'started' });
  });

  it('renames by replacing a container left under a temporary name', () => {
    const desired = desiredOf(stack());
    const observed = observedFrom(desired);
    observed.workloads[1]!.name = 'abc123_demo-web';
    expect(reconcile(desired, observed, UP).steps.map((s) => `${s.action} ${s.name}: ${s.cause}`)).toEqual([
      'replace web: is named abc123_demo-web, left by an interrupted replace',
    ]);
  });

  it('honours --force-recreate and --no-recreate', () => {
    const desired = desiredOf(stack());
    expect(
      reconcile(desired, observedFrom(desired), { ...UP, forceRecreate: true }).steps.map((s) => s.action),
    ).toEqual(['replace', 'replace']);
    const changed = desiredOf(stack({ MODE: 'prod' }));
    const kept = reconcile(changed, observedFrom(desired), { ...UP, noRecreate: true });
    expect(hasChanges(kept)).toBe(false);
    expect(kept.warnings).toEqual(['web: its configuration changed, but --no-recreate keeps the running container']);
  });

  it('is deterministic: same inputs give byte-identical JSON', () => {
    const a = JSON.stringify(planToJson(reconcile(desiredOf(stack()), EMPTY, UP)));
    const b = JSON.stringify(planToJson(reconcile(desiredOf(stack()), EMPTY, UP)));
    expect(a).toBe(b);
  });
});

describe('planDown', () => {
  it('removes dependents first, networks after containers, volumes only when asked and marked with !', () => {
    const desired = desiredOf(stack());
    const observed = observedFrom(desired);
    const keep = planDown('demo', observed, { volumes: false });
    expect(keep.steps.map((s) => s.id.replace(/#.*/, ''))).toEqual([
      'container:db',
      'container:web',
      'network:default',
    ]);
    const db = keep.steps[0]!;
    expect(db.needs.map((n) => n.step.replace(/#.*/, ''))).toEqual(['container:web']);
    const wipe = planDown('demo', observed, { volumes: true });
    expect(text(wipe)).toContain('!  - volume    pgdata    pond down --volumes: deletes its data');
    expect(text(wipe)).toContain('1 step deletes data (!).');
  });
});
