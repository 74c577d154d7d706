import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdBack } from '../../../src/plan/hold.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { Backoff } from '../../../src/watch/backoff.js';
import { debounce } from '../../../src/watch/debounce.js';
import { holdsFor } from '../../../src/watch/holds.js';
import { ReconcileQueue, type Trigger } from '../../../src/watch/queue.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('debounce', () => {
  it('folds ten saves within 200 ms into one call, 100 ms after the last', () => {
    const fired: string[][] = [];
    const d = debounce((r) => fired.push(r), 100, 500);
    for (let i = 0; i < 10; i++) {
      d.push(i % 2 ? 'pond.yaml changed' : '.env changed');
      vi.advanceTimersByTime(20);
    }
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(79);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['.env changed', 'pond.yaml changed']]);
  });

  it('fires by the deadline even while events keep coming', () => {
    const fired: string[][] = [];
    const d = debounce((r) => fired.push(r), 100, 500);
    for (let i = 0; i < 30; i++) {
      d.push('x');
      vi.advanceTimersByTime(50);
    }
    expect(fired.length).toBe(3);
  });
});

describe('ReconcileQueue', () => {
  it('runs one at a time and merges everything asked meanwhile into one pending run', async () => {
    const runs: Trigger[] = [];
    let release!: () => void;
    const queue = new ReconcileQueue(async (t) => {
      runs.push(t);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
    });
    queue.request({ reread: false, reasons: [] });
    queue.request({ reread: true, reasons: ['a'] });
    queue.request({ reread: false, reasons: ['b'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    release();
    await queue.idle();
    expect(runs).toEqual([
      { reread: false, reasons: [] },
      { reread: true, reasons: ['a', 'b'] },
    ]);
  });

  it('drops what is pending when stopped, but lets the run in flight finish', async () => {
    const runs: Trigger[] = [];
    let release!: () => void;
    const queue = new ReconcileQueue(async (t) => {
      runs.push(t);
      await new Promise<void>((r) => (release = r));
    });
    queue.request({ reread: false, reasons: ['first'] });
    queue.request({ reread: false, reasons: ['second'] });
    await vi.advanceTimersByTimeAsync(0);
    const stopped = queue.stop();
    release();
    await stopped;
    expect(runs.map((r) => r.reasons)).toEqual([['first']]);
  });
});

describe('Backoff', () => {
  it('doubles from 1 s to a cap and forgets a streak after a quiet minute', () => {
    const b = new Backoff(1_000, 8_000, 60_000);
    expect([1, 2, 3, 4, 5].map((i) => b.restarted('w', i * 100).nextDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect(b.held(600).get('w')).toBe(7_900);
    expect(b.held(10_000).has('w')).toBe(false);
    expect(b.restarted('w', 200_000)).toEqual({ restarts: 1, nextDelayMs: 1_000 });
  });
});

describe('holds', () => {
  const health = { probe: { tcp: { port: 1 } }, intervalMs: 1000, timeoutMs: 1000, retries: 1, startPeriodMs: 0 };
  const spec = project([
    workload('db', { health }),
    workload('app', { dependsOn: { db: 'healthy' } }),
    workload('solo'),
  ]);
  const UP = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true, heal: true };

  it('holds a crash-looping restart and everything that waits for it, not the rest', () => {
    const desired = desiredOf(spec);
    const plan = reconcile(desired, observedFrom(desired, { db: { state: 'exited', exitCode: 1 } }), {
      ...UP,
      forceRecreate: false,
    });
    const { plan: left, held } = holdBack(
      plan,
      holdsFor(plan, { yes: false, approved: new Set(), backoff: new Map([['db', 4_200]]) }),
    );
    expect(left.steps).toEqual([]);
    expect(held.map((h) => `${h.step.name}: ${h.reason}`)).toEqual(['db: crash loop: next restart in 5s']);
  });

  it('never holds a change the user asked for, and holds dependents of a held step', () => {
    const plan = reconcile(desiredOf(spec), EMPTY, UP);
    const hold = holdsFor(plan, { yes: false, approved: new Set(), backoff: new Map([['db', 1_000]]) });
    expect(hold.size).toBe(0);
    const { plan: left, held } = holdBack(plan, new Map([['container:db', 'test']]));
    expect(left.steps.map((s) => s.id)).toEqual(['network:default', 'container:solo']);
    expect(held.map((h) => `${h.step.name}: ${h.reason}`)).toEqual(['db: test', 'app: waits for db, which is held']);
  });

  it('holds data-losing steps unless --yes or confirmed', () => {
    const plan = reconcile(desiredOf(spec), EMPTY, UP);
    plan.steps[1]!.destructive = true;
    expect([...holdsFor(plan, { yes: false, approved: new Set(), backoff: new Map() }).values()]).toEqual([
      'would delete persistent data: press y to apply it, or run with --yes',
    ]);
    expect(holdsFor(plan, { yes: true, approved: new Set(), backoff: new Map() }).size).toBe(0);
    expect(holdsFor(plan, { yes: false, approved: new Set([plan.steps[1]!.id]), backoff: new Map() }).size).toBe(0);
  });

  it('in heal mode restarts an unhealthy container and leaves a finished one-shot alone', () => {
    const desired = desiredOf(spec);
    const observed = observedFrom(desired, { db: { health: 'unhealthy' }, solo: { state: 'exited', exitCode: 0 } });
    expect(reconcile(desired, observed, UP).steps.map((s) => `${s.action} ${s.name}: ${s.cause}`)).toEqual([
      'restart db: is unhealthy',
    ]);
    expect(reconcile(desired, observed, { ...UP, heal: false }).steps.map((s) => `${s.action} ${s.name}`)).toEqual([
      'start solo',
    ]);
  });
});
