import type { Condition, Engine, TaskSpec } from '../engine/types.js';
import { EngineError } from '../errors.js';
import type { Plan, Step } from '../plan/types.js';
import { runStep, type BotRunner } from './actions.js';
import { keepLogs } from './keep-logs.js';
import type { GateClosed } from './gates.js';
import { Gates } from './gates.js';
import { Limit } from './limit.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'cancelled';

export interface StepEvent {
  step: Step;
  status: StepStatus | 'progress' | 'reached' | 'warning';
  message?: string;
  condition?: Condition;
  error?: Error;
}

export interface StepResult {
  step: Step;
  status: Exclude<StepStatus, 'pending' | 'running'>;
  error?: Error;
  /** For a skipped step: the dependency that failed. */
  reason?: string;
  warnings: string[];
  ms: number;
}

export interface ApplyOptions {
  /** Engine-call phases in flight at once (DESIGN §6: starts get faster with more in flight). */
  concurrency: number;
  waitTimeoutMs: number;
  signal?: AbortSignal;
  onEvent?: (e: StepEvent) => void;
  /** The folder of pond.yaml: a removed or replaced container's last output is saved under its `.pond/logs`. Absent: not saved. */
  projectDir?: string;
  /** Performs the plan's `run` steps (a scheduled bot's run on `up`); the bots layer's, handed in. */
  runBot?: BotRunner;
}

export interface ApplyResult {
  results: StepResult[];
  ok: boolean;
  interrupted: boolean;
}

/**
 * Walks the plan's DAG in parallel. A step starts once every step it needs has reached the declared
 * condition and every awaited container is ready; a failure closes its gates so dependents are
 * skipped ("skipped: db failed") without repeating the error. After an abort nothing new starts and
 * in-flight engine calls finish. The executor makes no decisions: the plan says what to do.
 */
export async function applyPlan(plan: Plan, engine: Engine, options: ApplyOptions): Promise<ApplyResult> {
  const gates = new Gates();
  const signal = options.signal ?? new AbortController().signal;
  const limit = new Limit(Math.max(1, options.concurrency), signal);
  const emit = options.onEvent ?? (() => undefined);
  const pulls = new Map<string, Promise<void>>();
  const ensureImage = (spec: TaskSpec, step: Step): Promise<void> => {
    // A spec with baked binds runs an image the engine makes from this one, and publishes that itself.
    const publish = !spec.mounts.some((m) => m.type === 'bind' && m.carry === 'baked');
    const key = `${publish ? 'publish' : 'local'} ${spec.image}`;
    let p = pulls.get(key);
    if (!p)
      pulls.set(
        key,
        (p = pullIfMissing(engine, spec.image, publish, (line) => emit({ step, status: 'progress', message: line }))),
      );
    return p;
  };
  const results = await Promise.all(
    plan.steps.map((step) =>
      runOne(step, {
        engine,
        gates,
        limit,
        signal,
        emit,
        ensureImage,
        waitTimeoutMs: options.waitTimeoutMs,
        projectDir: options.projectDir,
        runBot: options.runBot,
      }),
    ),
  );
  return { results, ok: results.every((r) => r.status === 'done'), interrupted: signal.aborted };
}

interface RunContext {
  engine: Engine;
  gates: Gates;
  limit: Limit;
  signal: AbortSignal;
  emit: (e: StepEvent) => void;
  ensureImage: (spec: TaskSpec, step: Step) => Promise<void>;
  waitTimeoutMs: number;
  projectDir?: string;
  runBot?: BotRunner;
}

async function runOne(step: Step, ctx: RunContext): Promise<StepResult> {
  const warnings: string[] = [];
  const finish = (status: StepResult['status'], extra: Partial<StepResult> = {}, started = Date.now()): StepResult => {
    if (status === 'done') ctx.gates.openAll(step.id);
    else
      ctx.gates.close(
        step.id,
        step.name,
        status === 'failed' ? 'failed' : status === 'skipped' ? 'skipped' : 'cancelled',
      );
    ctx.emit({ step, status, message: extra.reason, error: extra.error });
    return { step, status, warnings, ms: Date.now() - started, ...extra };
  };
  ctx.emit({ step, status: 'pending' });
  try {
    await Promise.all(step.needs.map((n) => ctx.gates.wait(n.step, n.condition)));
  } catch (e) {
    const closed = e as GateClosed;
    return finish(closed.reason === 'cancelled' ? 'cancelled' : 'skipped', {
      reason: `skipped: ${closed.stepName} ${closed.reason === 'failed' ? 'failed' : 'was skipped'}`,
    });
  }
  if (ctx.signal.aborted) return finish('cancelled', { reason: 'interrupted before it started' });
  const started = Date.now();
  ctx.emit({ step, status: 'running' });
  try {
    for (const a of step.awaits) {
      ctx.emit({ step, status: 'progress', message: `waiting for ${a.workload} to be ${a.condition}` });
      await awaitExisting(ctx, a);
    }
    const warn = (message: string): void => {
      warnings.push(message);
      ctx.emit({ step, status: 'warning', message });
    };
    const dir = ctx.projectDir;
    await runStep(step, {
      engine: ctx.engine,
      limit: ctx.limit,
      waitTimeoutMs: ctx.waitTimeoutMs,
      signal: ctx.signal,
      ensureImage: (spec) => ctx.ensureImage(spec, step),
      reached: (condition) => {
        ctx.gates.open(step.id, condition);
        ctx.emit({ step, status: 'reached', condition });
      },
      progress: (message) => ctx.emit({ step, status: 'progress', message }),
      warn,
      ...(ctx.runBot && { runBot: ctx.runBot }),
      keepLogs: async (id) => {
        const failed = dir === undefined ? undefined : await keepLogs(ctx.engine, dir, step.name, id);
        if (failed) warn(failed);
      },
    });
    return finish('done', {}, started);
  } catch (e) {
    if (ctx.signal.aborted) return finish('cancelled', { reason: 'interrupted', error: e as Error }, started);
    return finish('failed', { error: e as Error }, started);
  }
}

/** A dependency the plan leaves alone must still reach what the dependent declared before it starts. */
async function awaitExisting(ctx: RunContext, a: Step['awaits'][number]): Promise<void> {
  if (a.condition === 'healthy' && a.health)
    await ctx.engine.waitReady(a.containerId, a.health, { timeoutMs: ctx.waitTimeoutMs, signal: ctx.signal });
  if (a.condition !== 'completed') return;
  const code = await ctx.engine.waitExit(a.containerId, { signal: ctx.signal });
  if (code !== 0)
    throw new EngineError(
      `${a.workload} exited with code ${code}, so what waits for it to complete cannot start`,
      undefined,
      `see its output with: pond logs ${a.workload}`,
    );
}

/** The image present (pulled when missing), then published where the engine's nodes fetch it (a cluster's registry). */
async function pullIfMissing(
  engine: Engine,
  image: string,
  publish: boolean,
  progress: (line: string) => void,
): Promise<void> {
  if (!(await engine.hasImage(image))) {
    progress(`pulling ${image}`);
    try {
      await engine.pullImage(image, progress);
    } catch (e) {
      if (e instanceof EngineError) throw e;
      throw new EngineError(`pull of ${image} failed: ${(e as Error).message}`);
    }
  }
  if (publish) await engine.publishImage?.(image, progress);
}
