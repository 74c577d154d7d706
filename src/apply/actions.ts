import type { Condition, Engine, TaskSpec } from '../engine/types.js';
import { EngineError, StaleContainerError } from '../errors.js';
import type {
  BotRun,
  ContainerCreate,
  ContainerReplace,
  ContainerStart,
  ContainerStop,
  ContainerUpdate,
  NetworkRemove,
  Step,
} from '../plan/types.js';
import { containerJob, jobFailed, waitJob } from './job.js';
import type { Limit } from './limit.js';

/** What a step's action needs from the executor: the engine, the call cap, and where to report. */
export interface ActionContext {
  engine: Engine;
  limit: Limit;
  waitTimeoutMs: number;
  signal: AbortSignal;
  /** The spec's image present; published to the nodes unless the spec runs an image made from it (`baked` binds). */
  ensureImage(spec: TaskSpec): Promise<void>;
  reached(condition: Condition): void;
  progress(message: string): void;
  warn(message: string): void;
  /** Saves the last output of a container about to be removed (never fails the step). */
  keepLogs(id: string): Promise<void>;
  /** Performs `run` steps; absent: a plan with one fails that step. */
  runBot?: BotRunner;
}

/**
 * Runs one scheduled bot to its end for a `run` step; rejects when the run failed. It belongs to the
 * bots layer, above apply, so the caller hands it in.
 */
export type BotRunner = (bot: string, ctx: { signal: AbortSignal; progress(message: string): void }) => Promise<void>;

/**
 * The engine calls for one step, chosen by its variant: no decisions beyond that. A replace creates
 * the new container before it stops the old one, and removes the old one only once the new one
 * reached every condition: a bad image or config, or a replacement that never gets ready, leaves
 * the previous container running.
 */
export async function runStep(step: Step, ctx: ActionContext): Promise<void> {
  switch (step.resource) {
    case 'network':
      return step.action === 'create'
        ? void (await ctx.limit.run(() => ctx.engine.createNetwork(step.network)))
        : removeNetwork(step, ctx);
    case 'volume':
      return step.action === 'create'
        ? ctx.limit.run(() => ctx.engine.createVolume(step.volume))
        : ctx.limit.run(() => ctx.engine.removeVolume(step.engineName));
    case 'bot':
      return runBot(step, ctx);
    case 'container':
      return containerStep(step, ctx);
    default:
      return unreachable(step);
  }
}

async function containerStep(step: Extract<Step, { resource: 'container' }>, ctx: ActionContext): Promise<void> {
  switch (step.action) {
    case 'remove':
      return removeContainer(step, ctx);
    case 'stop':
      return ctx.limit.run(() => ctx.engine.stopWorkload(step.observedId, step.stopTimeoutSec));
    case 'kill':
      return ctx.limit.run(() => ctx.engine.killWorkload(step.observedId, step.signal));
    case 'replace':
      await ctx.ensureImage(step.container.spec);
      return replace(step, ctx);
    case 'update':
      await ctx.ensureImage(step.container.spec);
      return update(step, ctx);
    case 'create': {
      await ctx.ensureImage(step.container.spec);
      const id = await createAndStart(step, ctx);
      return afterStart(step, id, ctx);
    }
    case 'start':
    case 'restart': {
      const id = await ctx.limit.run(async () => {
        if (step.action === 'restart') await ctx.engine.stopWorkload(step.observedId, step.stopTimeoutSec);
        return startOrRecreate(step, ctx);
      });
      return afterStart(step, id, ctx);
    }
    default:
      return unreachable(step);
  }
}

function unreachable(step: never): never {
  throw new Error(`a step the executor does not know: ${JSON.stringify(step)}`);
}

async function afterStart(step: ContainerCreate | ContainerStart, id: string, ctx: ActionContext): Promise<void> {
  ctx.reached('started');
  if (step.action === 'create' && !step.reach.includes('healthy')) await applyCredentials(step, id, ctx);
  await reachRest(step, id, ctx);
}

async function runBot(step: BotRun, ctx: ActionContext): Promise<void> {
  if (!ctx.runBot) throw new Error(`the plan runs bot ${step.name}, but this apply was given no bot runner`);
  await ctx.runBot(step.name, { signal: ctx.signal, progress: ctx.progress });
  for (const condition of step.reach) ctx.reached(condition);
}

/**
 * Starts an existing container. One that a dockerd crash left with a stale task can never start: it
 * is removed and made again from the same spec (it never ran, so nothing of it is lost), when the
 * step carries that spec.
 */
async function startOrRecreate(step: ContainerStart, ctx: ActionContext): Promise<string> {
  try {
    await ctx.engine.startWorkload(step.observedId);
    return step.observedId;
  } catch (e) {
    if (!(e instanceof StaleContainerError) || !step.container) throw e;
    ctx.progress('the engine kept a stale task (a dockerd crash): recreating the container');
    await ctx.engine.removeWorkload(step.observedId);
    const fresh = await ctx.engine.createWorkload(step.container.spec);
    await ctx.engine.startWorkload(fresh);
    return fresh;
  }
}

/**
 * A created or replaced database whose image reads credentials only on first init: once it is
 * healthy, the preset's command applies them inside it, so the password pond hands out is the one
 * that works. Idempotent (on a fresh data dir it sets what init set). Its output never carries a value.
 */
async function applyCredentials(
  step: ContainerCreate | ContainerReplace | ContainerUpdate,
  id: string,
  ctx: ActionContext,
): Promise<void> {
  const applied = step.container.initOnly?.applied;
  const health = step.container.health;
  if (!applied || !health) return;
  if (!ctx.engine.capabilities.exec) {
    // A cluster task is out of exec's reach: an initialised volume keeps the credentials it was made with.
    if (step.action !== 'create')
      ctx.warn(
        `${step.name}: ${applied.env.join(', ')} cannot be applied inside the database on the ${ctx.engine.backend} backend; an initialised volume keeps its old value`,
      );
    return;
  }
  if (!step.reach.includes('healthy'))
    await ctx.engine.waitReady(id, health, { timeoutMs: ctx.waitTimeoutMs, signal: ctx.signal });
  ctx.progress(`applying ${applied.env.join(', ')} inside the database`);
  const result = await ctx.engine.probe(id, { exec: [applied.exec] }, 30_000);
  if (result.ok) return;
  throw new EngineError(
    `${step.name}: could not apply ${applied.env.join(', ')} inside the database: ${result.detail ?? 'failed'}`,
    undefined,
    'its data dir was initialised with other credentials; pond down --volumes starts over (deleting the data)',
  );
}

/** A container that cannot start (a host port taken since the plan, say) is removed, not left half made. */
async function createAndStart(step: ContainerCreate, ctx: ActionContext): Promise<string> {
  return ctx.limit.run(async () => {
    ctx.progress('creating');
    const id = await ctx.engine.createWorkload(step.container.spec);
    ctx.progress('starting');
    await ctx.engine.startWorkload(id).catch(async (e: unknown) => {
      await ctx.engine.removeWorkload(id).catch(() => undefined);
      throw e;
    });
    return id;
  });
}

/**
 * New container under a temporary name; the old one stopped and moved aside (`<new id>_<name>`, a
 * name the next plan recognises as a leftover); the new one takes the name and starts. Only once it
 * reached its conditions is the old one removed. If it fails to start or to get ready, it is removed
 * and the old one gets its name back (see rollBack).
 */
async function replace(step: ContainerReplace, ctx: ActionContext): Promise<void> {
  const spec = step.container.spec;
  const old = step.observedId;
  const id = await ctx.limit.run(async () => {
    ctx.progress('creating replacement');
    const fresh = await ctx.engine.createWorkload({ ...spec, name: `${old.slice(0, 12)}_${spec.name}` });
    ctx.progress('stopping old container');
    await ctx.engine.stopWorkload(old, spec.stopTimeoutSec);
    await ctx.engine.renameWorkload(old, `${fresh.slice(0, 12)}_${spec.name}`);
    await ctx.engine.renameWorkload(fresh, spec.name);
    ctx.progress('starting');
    await ctx.engine.startWorkload(fresh).catch((e: unknown) => rollBack(step, fresh, ctx, e));
    return fresh;
  });
  ctx.reached('started');
  try {
    if (!step.reach.includes('healthy')) await applyCredentials(step, id, ctx);
    await reachRest(step, id, ctx);
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    await ctx.limit.run(() => rollBack(step, id, ctx, e));
  }
  await ctx.keepLogs(old);
  await ctx.limit.run(() => ctx.engine.removeWorkload(old));
}

/**
 * The engine rolls the new spec out in place (same workload id, next version) and rolls it back
 * itself when the new tasks fail: the previous version keeps running, and the step fails.
 */
async function update(step: ContainerUpdate, ctx: ActionContext): Promise<void> {
  const updateWorkload = ctx.engine.updateWorkload;
  if (!updateWorkload)
    throw new Error(`${step.name}: the plan updates in place, but the ${ctx.engine.backend} backend cannot`);
  await ctx.limit.run(() => {
    ctx.progress('rolling out the new spec');
    return updateWorkload.call(ctx.engine, step.observedId, step.version, step.container.spec, {
      timeoutMs: ctx.waitTimeoutMs,
      signal: ctx.signal,
    });
  });
  ctx.reached('started');
  if (!step.reach.includes('healthy')) await applyCredentials(step, step.observedId, ctx);
  await reachRest(step, step.observedId, ctx);
}

/**
 * The replacement failed: remove it and give the previous container its name back; start it again
 * unless it is a job (a query, a `completed` target), whose rerun would redo its work.
 */
async function rollBack(step: ContainerReplace, fresh: string, ctx: ActionContext, cause: unknown): Promise<never> {
  const spec = step.container.spec;
  ctx.progress('replacement failed: putting the previous container back');
  await ctx.engine.stopWorkload(fresh, spec.stopTimeoutSec).catch(() => undefined);
  await ctx.engine.removeWorkload(fresh);
  await ctx.engine.renameWorkload(step.observedId, spec.name);
  if (step.reach.includes('completed')) throw cause; // a job: running the old one again would redo its work
  await ctx.engine.startWorkload(step.observedId);
  ctx.warn(`${step.name}: the replacement did not get ready, so the previous container runs again (unchanged)`);
  throw cause;
}

/**
 * How long a container with no readiness check must stay up in one go before `up` counts it done:
 * long enough for a program that fails at start (a bad flag, a missing module, a traceback) to exit,
 * short enough to add little to an up (dependents waiting for `started` do not wait for it); a crash
 * later than that is for watch mode and ps to show.
 */
export const SETTLE_MS = 1_500;

async function reachRest(
  step: ContainerCreate | ContainerReplace | ContainerUpdate | ContainerStart,
  id: string,
  ctx: ActionContext,
): Promise<void> {
  if (step.settle) {
    ctx.progress('checking that it stays up');
    await ctx.engine.waitSettled(id, { windowMs: Math.min(SETTLE_MS, ctx.waitTimeoutMs), signal: ctx.signal });
  }
  for (const condition of step.reach.slice(1)) {
    if (condition === 'healthy') await reachHealthy(step, id, ctx);
    else if (condition === 'completed') {
      ctx.progress('waiting until it completes');
      const job = step.container?.job;
      const code = job
        ? await waitJob(containerJob(ctx.engine, id), step.name, job.timeoutMs, ctx.signal)
        : await ctx.engine.waitExit(id, { signal: ctx.signal });
      if (code !== 0) throw await jobFailed(ctx.engine, id, step.name, code);
    }
    ctx.reached(condition);
  }
}

async function reachHealthy(
  step: ContainerCreate | ContainerReplace | ContainerUpdate | ContainerStart,
  id: string,
  ctx: ActionContext,
): Promise<void> {
  const health = step.container?.health;
  if (!health)
    throw new Error(`${step.name}: the plan waits for it to be healthy, but the step carries no health check`);
  ctx.progress('waiting until healthy');
  await ctx.engine.waitReady(id, health, { timeoutMs: ctx.waitTimeoutMs, signal: ctx.signal });
  if (step.action === 'create' || step.action === 'replace' || step.action === 'update')
    await applyCredentials(step, id, ctx);
}

async function removeContainer(step: ContainerStop, ctx: ActionContext): Promise<void> {
  return ctx.limit.run(async () => {
    ctx.progress('stopping');
    await ctx.engine.stopWorkload(step.observedId, step.stopTimeoutSec);
    await ctx.keepLogs(step.observedId);
    await ctx.engine.removeWorkload(step.observedId);
  });
}

/** A removal the planner marked best-effort only warns when the engine refuses it. */
async function removeNetwork(step: NetworkRemove, ctx: ActionContext): Promise<void> {
  try {
    await ctx.limit.run(() => ctx.engine.removeNetwork(step.engineName));
  } catch (e) {
    if (step.bestEffort === false || !(e instanceof EngineError)) throw e;
    ctx.warn(`network ${step.engineName} could not be removed: ${e.message} (${step.bestEffort})`);
  }
}
