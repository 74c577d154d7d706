import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/apply/executor.js';
import { EngineError } from '../../../src/errors.js';
import { planDown } from '../../../src/plan/down.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { Plan, PlanOptions } from '../../../src/plan/types.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import { desiredOf, EMPTY, project, workload } from '../../support/fixtures.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const health = { probe: { tcp: { port: 5432 } }, intervalMs: 5000, timeoutMs: 5000, retries: 3, startPeriodMs: 0 };
const opts = { concurrency: 16, waitTimeoutMs: 1000 };

/** db (healthy) and a scheduled bot `report` that depends on it and is due on up. */
function withBotRun(): Plan {
  const full = desiredOf(
    project([workload('db', { image: 'postgres:15', health }), workload('report', { dependsOn: { db: 'healthy' } })]),
  );
  const bot = full.containers.find((c) => c.workload === 'report')!;
  return reconcile(
    { ...full, containers: full.containers.filter((c) => c !== bot), order: ['db'], containerless: ['report'] },
    EMPTY,
    { ...UP, runOnUp: [{ bot, why: 'it never ran' }] },
  );
}

/** An engine that keeps every network ("has active endpoints" after a mass teardown, DESIGN §7). */
class StuckNetworks extends MemoryEngine {
  override async removeNetwork(name: string): Promise<void> {
    throw new EngineError(`error while removing network: network ${name} has active endpoints`, 403);
  }
}

describe('run steps', () => {
  it('the executor runs the bot through the runner it was given, after its dependency is healthy', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    const ran: { bot: string; after: number }[] = [];
    const result = await applyPlan(withBotRun(), engine, {
      ...opts,
      runBot: async (bot) => void ran.push({ bot, after: engine.calls.indexOf('waitReady demo-db') }),
    });
    expect(result.ok).toBe(true);
    expect(ran).toEqual([{ bot: 'report', after: expect.any(Number) }]);
    expect(ran[0]!.after).toBeGreaterThanOrEqual(0);
  });

  it('a run that fails fails its step and the apply', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    const result = await applyPlan(withBotRun(), engine, {
      ...opts,
      runBot: async () => Promise.reject(new Error('run report exited 3')),
    });
    expect(result.ok).toBe(false);
    expect(result.results.find((r) => r.step.id === 'bot:report')).toMatchObject({
      status: 'failed',
      error: { message: 'run report exited 3' },
    });
  });

  it('a run step is skipped when its dependency failed, without running the bot', async () => {
    const engine = new MemoryEngine(['postgres:15', 'busybox:1.35']);
    engine.failStart.add('db');
    let runs = 0;
    const result = await applyPlan(withBotRun(), engine, { ...opts, runBot: async () => void runs++ });
    expect(result.results.find((r) => r.step.id === 'bot:report')?.status).toBe('skipped');
    expect(runs).toBe(0);
  });
});

describe('best-effort removals', () => {
  /** The down plan of a project brought up on `engine`. */
  const downOf = async (engine: MemoryEngine): Promise<Plan> => {
    expect((await applyPlan(reconcile(desiredOf(project([workload('app')])), EMPTY, UP), engine, opts)).ok).toBe(true);
    return planDown('demo', await engine.observe('demo'), { volumes: false });
  };

  it('a network removal the planner flagged best-effort only warns when the engine refuses it', async () => {
    const engine = new StuckNetworks(['busybox:1.35']);
    const result = await applyPlan(await downOf(engine), engine, opts);
    expect(result.ok).toBe(true);
    expect(result.results.find((r) => r.step.resource === 'network')?.warnings).toEqual([
      expect.stringMatching(/^network demo_default could not be removed: .*has active endpoints/),
    ]);
  });

  it('the same removal without the flag fails its step: the executor follows the plan, not the resource', async () => {
    const engine = new StuckNetworks(['busybox:1.35']);
    const plan = await downOf(engine);
    const steps = plan.steps.map((s) =>
      s.resource === 'network' && s.action === 'remove' ? { ...s, bestEffort: false as const } : s,
    );
    const result = await applyPlan({ ...plan, steps }, engine, opts);
    expect(result.results.map((r) => `${r.step.resource} ${r.status}`)).toEqual(['container done', 'network failed']);
  });
});
