import { describe, expect, it } from 'vitest';
import { readSaved } from '../../../src/logs/saved.js';
import { applyPlan } from '../../../src/apply/executor.js';
import type { BotFacts } from '../../../src/workloads/bot/expand.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';
import { tempDir } from '../../support/temp-dir.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const health = { probe: { tcp: { port: 5432 } }, intervalMs: 5000, timeoutMs: 5000, retries: 3, startPeriodMs: 0 };
const opts = { concurrency: 16, waitTimeoutMs: 1000 };

const stack = () =>
  project([
    workload('db', { image: 'postgres:15', health }),
    workload('web', { dependsOn: { db: 'healthy' } }),
    workload('cache'),
  ]);

describe('applyPlan on an in-memory engine', () => {
  it('creates the network first and starts a dependent only after its dependency is healthy', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    const result = await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    expect(result.ok).toBe(true);
    const at = (call: string): number => engine.calls.indexOf(call);
    expect(at('createNetwork demo_default')).toBeLessThan(at('create demo-db'));
    expect(at('waitReady demo-db')).toBeLessThan(at('create demo-web'));
    expect([...engine.containers.values()].map((b) => `${b.spec.name} ${b.state}`).sort()).toEqual([
      'demo-cache running',
      'demo-db running',
      'demo-web running',
    ]);
  });

  it('a created container that cannot start is removed, not left behind', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    engine.failStart.add('cache');
    const result = await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    expect(result.results.find((r) => r.step.name === 'cache')!.status).toBe('failed');
    expect([...engine.containers.values()].map((b) => b.spec.name).sort()).toEqual(['demo-db', 'demo-web']);
  });

  it('skips the dependents of a failed step, reports the failure once and still runs the rest', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    engine.failStart.add('db');
    const result = await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    const by = Object.fromEntries(result.results.map((r) => [r.step.name, r]));
    expect(result.ok).toBe(false);
    expect(by.db!.status).toBe('failed');
    expect(by.web!.status).toBe('skipped');
    expect(by.web!.reason).toBe('skipped: db failed');
    expect(by.cache!.status).toBe('done');
    expect(engine.calls).not.toContain('create demo-web');
  });

  it('a long-running bot with no health check that does not stay up fails its step, while what needs it started still runs', async () => {
    const engine = new MemoryEngine(['busybox:1.35']);
    engine.exitCodes.set('worker', 2);
    const plan = reconcile(
      desiredOf(
        project([
          workload('worker', { kind: 'bot', bot: { config: {} } as BotFacts }),
          workload('reader', { dependsOn: { worker: 'started' } }),
        ]),
      ),
      EMPTY,
      UP,
    );
    const result = await applyPlan(plan, engine, opts);
    const by = Object.fromEntries(result.results.map((r) => [r.step.name, r]));
    expect(by.worker!.status).toBe('failed');
    expect(by.worker!.error?.message).toContain('exited with code 2');
    expect(by.reader!.status).toBe('done');
    expect(engine.calls).toContain('waitSettled demo-worker');
  });

  it('a dependency that never gets healthy fails with a timeout and its dependent is skipped', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    engine.neverReady.add('db');
    const result = await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    const db = result.results.find((r) => r.step.name === 'db')!;
    expect(db.status).toBe('failed');
    expect(db.error?.message).toContain('not healthy');
    expect(result.results.find((r) => r.step.name === 'web')!.status).toBe('skipped');
  });

  it('pulls a missing image once for all workloads that use it; a failed pull names the image', async () => {
    const engine = new MemoryEngine();
    engine.failPull.add('postgres:15');
    const result = await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    expect(engine.calls.filter((c) => c === 'pull busybox:1.35')).toHaveLength(1);
    expect(result.results.find((r) => r.step.name === 'db')!.error?.message).toBe(
      'pull of postgres:15 failed: no such host',
    );
    expect(result.results.find((r) => r.step.name === 'cache')!.status).toBe('done');
  });

  it('replaces by creating the new container before stopping the old one, which is removed only once the new one runs', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    const changed = stack();
    changed.workloads[2]!.env = { MODE: 'prod' };
    const plan = reconcile(desiredOf(changed), await engine.observe('demo'), UP);
    engine.calls.length = 0;
    await applyPlan(plan, engine, opts);
    expect(engine.mutatingCalls).toEqual([
      expect.stringMatching(/^create c\d+_demo-cache$/),
      'stop demo-cache',
      expect.stringMatching(/^rename demo-cache c\d+_demo-cache$/),
      expect.stringMatching(/^rename c\d+_demo-cache demo-cache$/),
      'start demo-cache',
      expect.stringMatching(/^remove c\d+_demo-cache$/),
    ]);
  });

  it("a replace saves the old container's last output to .pond/logs/<workload>.log before removing it", async () => {
    const dir = tempDir('pond-keep-logs-');
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    engine.output.set('cache', ['one', 'two']);
    const changed = stack();
    changed.workloads[2]!.env = { MODE: 'prod' };
    engine.calls.length = 0;
    await applyPlan(reconcile(desiredOf(changed), await engine.observe('demo'), UP), engine, {
      ...opts,
      projectDir: dir,
    });
    expect(readSaved(dir, 'cache').map((l) => l.text)).toEqual(['one', 'two']);
    const logsAt = engine.calls.findIndex((c) => /^logs c\d+_demo-cache$/.test(c));
    expect(logsAt).toBeGreaterThan(-1);
    expect(logsAt).toBeLessThan(engine.calls.findIndex((c) => /^remove c\d+_demo-cache$/.test(c)));
  });

  it('a replacement that never gets ready is removed and the previous container runs again under its name', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, opts);
    const before = (await engine.observe('demo')).workloads.find((c) => c.name === 'demo-db')!;
    const changed = stack();
    changed.workloads[0]!.env = { ...changed.workloads[0]!.env, EXTRA: '1' };
    const plan = reconcile(desiredOf(changed), await engine.observe('demo'), UP);
    engine.neverReady.add('db');
    const result = await applyPlan(plan, engine, opts);
    expect(result.results.find((r) => r.step.name === 'db')!.status).toBe('failed');
    const after = (await engine.observe('demo')).workloads.filter((c) => c.labels['dev.pond.workload'] === 'db');
    expect(after.map((c) => [c.id, c.name, c.state])).toEqual([[before.id, 'demo-db', 'running']]);
  });

  it('keeps at most `concurrency` engine calls in flight', async () => {
    const engine = new MemoryEngine(['busybox:1.35']);
    engine.delayMs = 5;
    const many = project(Array.from({ length: 12 }, (_, i) => workload(`w${i}`)));
    const result = await applyPlan(reconcile(desiredOf(many), EMPTY, UP), engine, { ...opts, concurrency: 3 });
    expect(result.ok).toBe(true);
    expect(engine.maxInFlight).toBeLessThanOrEqual(3);
    expect(engine.maxInFlight).toBeGreaterThan(1);
  });

  it('after an abort starts nothing new and reports the rest as not started', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    const abort = new AbortController();
    abort.abort();
    const result = await applyPlan(reconcile(desiredOf(stack()), EMPTY, UP), engine, { ...opts, signal: abort.signal });
    expect(result.interrupted).toBe(true);
    expect(result.results.every((r) => r.status === 'cancelled')).toBe(true);
    expect(engine.mutatingCalls).toEqual([]);
  });

  it('an abort while steps wait for a slot starts none of them', async () => {
    const engine = new MemoryEngine(['busybox:1.35']);
    engine.delayMs = 20;
    const many = project(Array.from({ length: 12 }, (_, i) => workload(`w${i}`)));
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 30);
    const result = await applyPlan(reconcile(desiredOf(many), EMPTY, UP), engine, {
      ...opts,
      concurrency: 2,
      signal: abort.signal,
    });
    expect(result.interrupted).toBe(true);
    expect(engine.calls.filter((c) => c.startsWith('create demo-')).length).toBeLessThanOrEqual(4);
    expect(result.results.filter((r) => r.status === 'cancelled').length).toBeGreaterThanOrEqual(8);
  });

  it('waits for an unchanged dependency to complete, and fails its dependent when it exits non-zero', async () => {
    const spec = project([workload('seed'), workload('app', { dependsOn: { seed: 'completed' } })]);
    const engine = new MemoryEngine(['busybox:1.35']);
    const first = await applyPlan(reconcile(desiredOf(spec), EMPTY, UP), engine, opts);
    expect(first.ok).toBe(true);
    const changed = project([workload('seed'), workload('app', { dependsOn: { seed: 'completed' }, env: { V: '2' } })]);
    const [seedBox] = [...engine.containers.values()].filter((b) => b.spec.name === 'demo-seed');
    seedBox!.state = 'running';
    seedBox!.exitCode = 3;
    const plan = reconcile(desiredOf(changed), await engine.observe('demo'), UP);
    expect(plan.steps.map((s) => s.id)).toEqual(['container:app']);
    expect(plan.steps[0]!.awaits.map((a) => `${a.workload} ${a.condition}`)).toEqual(['seed completed']);
    const result = await applyPlan(plan, engine, opts);
    expect(result.results[0]!.error?.message).toBe(
      'seed exited with code 3, so what waits for it to complete cannot start',
    );
  });

  it('a stopped container left with a stale task is removed and recreated from its spec', async () => {
    const spec = project([workload('cache')]);
    const engine = new MemoryEngine(['busybox:1.35']);
    await applyPlan(reconcile(desiredOf(spec), EMPTY, UP), engine, opts);
    const [box] = [...engine.containers.values()];
    const oldId = [...engine.containers.keys()][0]!;
    box!.state = 'exited';
    engine.staleStart.add('cache');
    const plan = reconcile(desiredOf(spec), await engine.observe('demo'), UP);
    expect(plan.steps.map((s) => s.action)).toEqual(['start']);
    const result = await applyPlan(plan, engine, opts);
    expect(result.ok, result.results[0]?.error?.message).toBe(true);
    expect([...engine.containers.keys()]).not.toContain(oldId);
    expect([...engine.containers.values()].map((b) => `${b.spec.name} ${b.state}`)).toEqual(['demo-cache running']);
  });

  it('makes no call at all for a plan without steps', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    const desired = desiredOf(stack());
    const result = await applyPlan(reconcile(desired, observedFrom(desired), UP), engine, opts);
    expect(result.results).toEqual([]);
    expect(engine.calls).toEqual([]);
  });
});
