import { EngineError, InterruptedError, TimeoutError } from '../../errors.js';
import { describeProbe } from '../describe-probe.js';
import type { HealthSpec, Probe } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { filtersQuery } from '../docker/connection.js';
import { statusOf } from '../docker/errors.js';
import { EXIT_LABEL, isLiveTask, type SwarmNode, type SwarmService, type SwarmTask } from './api.js';
import { lastLines, serviceLogs } from './logs.js';
import { desiredReplicas } from './observe.js';
import { inspectService } from './services.js';
import { byText } from '../../canonical.js';

const POLL_MS = 300;

/**
 * The service's tasks, newest first by creation: a task's version moves on with every status
 * update, so an old task shut down late would otherwise read as the newest.
 */
export async function tasksOf(conn: Connection, id: string): Promise<SwarmTask[]> {
  const tasks = await conn.getJson<SwarmTask[]>(`/tasks?${filtersQuery({ service: [id] })}`);
  return tasks.sort(
    (a, b) => byText(b.CreatedAt ?? '', a.CreatedAt ?? '') || (b.Version?.Index ?? 0) - (a.Version?.Index ?? 0),
  );
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError('interrupted'));
    const onAbort = () => (clearTimeout(t), reject(new InterruptedError('interrupted')));
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Polls `check` until it answers a value; undefined means "not yet". */
async function until<T>(
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; signal?: AbortSignal; pollMs?: number },
  onTimeout: () => Error,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw onTimeout();
    await sleep(opts.pollMs ?? POLL_MS, opts.signal);
  }
}

/** A task that ended on its own (not replaced by an update or a scale down). */
function failed(t: SwarmTask): boolean {
  return t.DesiredState !== 'shutdown' && (t.Status.State === 'failed' || t.Status.State === 'rejected');
}

async function failure(conn: Connection, id: string, name: string, t: SwarmTask): Promise<EngineError> {
  const code = t.Status.ContainerStatus?.ExitCode;
  const last = await lastLines(conn, id);
  const why = t.Status.Err ?? t.Status.Message ?? t.Status.State;
  return new EngineError(
    `${name} failed on the swarm: ${why}${code !== undefined ? ` (exit code ${code})` : ''}${last.length ? `\n  last output:\n    ${last.join('\n    ')}` : ''}`,
  );
}

/**
 * Every wanted replica is running. Swarm holds a task with a health check in `starting` until the
 * check passes, so running means healthy; a `log` probe is read from the service's output. A task
 * that fails first rejects with its error and last output.
 */
export async function waitReady(
  conn: Connection,
  id: string,
  health: HealthSpec,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const s = await inspectService(conn, id);
  const want = Math.max(1, desiredReplicas(s));
  await until(
    async () => {
      const tasks = await tasksOf(conn, id);
      const bad = tasks.find(failed);
      if (bad && !tasks.some((t) => t.Status.State === 'running')) throw await failure(conn, id, s.Spec.Name, bad);
      return tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').length >= want
        ? true
        : undefined;
    },
    opts,
    () =>
      new TimeoutError(
        `${s.Spec.Name} was not ready within ${Math.round(opts.timeoutMs / 1000)} s: ${describeProbe(health.probe)}`,
      ),
  );
  const text = logText(health.probe);
  if (text !== undefined) await waitForLine(conn, id, s.Spec.Name, text, opts);
}

function logText(probe: Probe): string | undefined {
  if ('log' in probe) return probe.log;
  if ('all' in probe) return probe.all.map(logText).find((t) => t !== undefined);
  return undefined;
}

async function waitForLine(
  conn: Connection,
  id: string,
  name: string,
  text: string,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), opts.timeoutMs);
  opts.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  try {
    for await (const l of serviceLogs(conn, id, { follow: true, timestamps: false, signal: stop.signal }))
      if (l.text.includes(text)) return;
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  if (opts.signal?.aborted) throw new InterruptedError('interrupted');
  throw new TimeoutError(`${name} did not print "${text}" within ${Math.round(opts.timeoutMs / 1000)} s`);
}

/** Still running `windowMs` after its task started, or finished cleanly; a failed task rejects. */
export async function waitSettled(
  conn: Connection,
  id: string,
  opts: { windowMs: number; signal?: AbortSignal },
): Promise<void> {
  const s = await inspectService(conn, id);
  await until(
    async () => {
      const [t] = (await tasksOf(conn, id)).filter((x) => x.DesiredState !== 'shutdown');
      if (!t) return undefined;
      if (failed(t)) throw await failure(conn, id, s.Spec.Name, t);
      if (t.Status.State === 'complete') return true;
      if (t.Status.State !== 'running' || !t.Status.Timestamp) return undefined;
      return Date.now() - Date.parse(t.Status.Timestamp) >= opts.windowMs ? true : undefined;
    },
    { timeoutMs: 120_000, ...(opts.signal ? { signal: opts.signal } : {}) },
    () => new TimeoutError(`${s.Spec.Name} did not start on the swarm within 120 s`),
  );
}

/**
 * What a run reports once its job is gone: Swarm cannot stop a job and keep it, so a stop removes it
 * and its task's exit code with it; this is the code of a container killed by its stop.
 */
export const STOPPED_EXIT = 137;

/** The exit code of the service's last task once it has ended (a one-shot, a job), STOPPED_EXIT once it was removed. */
export async function waitExit(conn: Connection, id: string, signal?: AbortSignal): Promise<number> {
  return until(
    async () => {
      const tasks = await tasksOf(conn, id).catch((err: unknown) => {
        if (statusOf(err) === 404) return undefined;
        throw err;
      });
      if (!tasks) return STOPPED_EXIT;
      const [t] = tasks;
      if (!t) return stoppedExit(await inspectService(conn, id));
      const s = t.Status.State;
      if (s !== 'complete' && s !== 'failed' && s !== 'rejected' && s !== 'shutdown') return undefined;
      return t.Status.ContainerStatus?.ExitCode ?? (s === 'complete' ? 0 : 1);
    },
    { timeoutMs: 24 * 3600_000, ...(signal ? { signal } : {}) },
    () => new TimeoutError('never ended'),
  );
}

/** A service stopped by pond (scaled to 0, its tasks deleted by Swarm): the exit code recorded then. */
function stoppedExit(s: SwarmService): number | undefined {
  if (desiredReplicas(s) !== 0) return undefined;
  const code = Number(s.Spec.Labels[EXIT_LABEL]);
  return Number.isInteger(code) ? code : STOPPED_EXIT;
}

/**
 * One look now: on a cluster pond cannot exec into a task from outside, so a probe passes while
 * every wanted task runs (its health check, run by its node, is what holds it in `starting`).
 */
export async function probeOnce(conn: Connection, id: string): Promise<{ ok: boolean; detail?: string }> {
  const s = await inspectService(conn, id);
  const tasks = (await tasksOf(conn, id)).filter((t) => t.DesiredState === 'running');
  const running = tasks.filter((t) => t.Status.State === 'running').length;
  const want = desiredReplicas(s);
  if (want > 0 && running >= want) return { ok: true };
  return { ok: false, detail: `${running} of ${want} tasks running` };
}

/** The service's tasks that are live now: what a stop about to be asked for will end. */
export async function liveTaskIds(conn: Connection, id: string): Promise<Set<string>> {
  return new Set((await tasksOf(conn, id)).filter((t) => isLiveTask(t.Status.State)).map((t) => t.ID));
}

/**
 * Once the service runs no task (a scale to 0 reached every node), or `timeoutMs` passed; answers the
 * exit code the newest of `stopping` (liveTaskIds before the stop) reported once ended, if one was
 * seen: the tasks an update replaced earlier stay listed as history, with codes of their own. A task
 * on a node that is down keeps reading `running` until the node is back: it runs nowhere pond can
 * reach, and Swarm shuts it down when the node returns, so it does not count.
 */
export async function waitDown(
  conn: Connection,
  id: string,
  timeoutMs: number,
  stopping: ReadonlySet<string>,
): Promise<number | undefined> {
  let exit: number | undefined;
  await until(
    async () => {
      const [tasks, nodes] = await Promise.all([tasksOf(conn, id), conn.getJson<SwarmNode[]>('/nodes')]);
      const up = new Set(nodes.filter((n) => n.Status?.State === 'ready').map((n) => n.ID));
      // Swarm deletes a scaled-down task soon after it ended: its exit code is read while it is listed.
      exit = endedExit(tasks.filter((t) => stopping.has(t.ID))) ?? exit;
      return tasks.some((t) => isLiveTask(t.Status.State) && (!t.NodeID || up.has(t.NodeID))) ? undefined : true;
    },
    { timeoutMs, pollMs: DOWN_POLL_MS },
    () => new TimeoutError(`service ${id}: its tasks did not stop within ${Math.round(timeoutMs / 1000)} s`),
  );
  return exit;
}

/** Short, as the window between a scaled-down task ending and Swarm deleting it is. */
const DOWN_POLL_MS = 100;

/**
 * The exit code of the newest task (tasks come newest first) that has ended. A live task's code
 * means nothing yet: 0 while it runs, and -1 (Docker's "not known") once the node's agent gave up
 * waiting on it because a stop was asked for, before the container had ended.
 */
export function endedExit(tasks: SwarmTask[]): number | undefined {
  for (const t of tasks) {
    const code = t.Status.ContainerStatus?.ExitCode;
    if (!isLiveTask(t.Status.State) && code !== undefined && code >= 0) return code;
  }
  return undefined;
}

/**
 * A new run's task got going (running, or already ended after running), or could not start: then
 * the error names why (no such executable, no such image on the node).
 */
export async function waitStarted(conn: Connection, id: string, name: string, timeoutMs: number): Promise<void> {
  await until(
    async () => {
      const [t] = await tasksOf(conn, id);
      if (!t) return undefined;
      const s = t.Status.State;
      if (s === 'running' || s === 'complete') return true;
      if (s === 'failed' && /non-zero exit/.test(t.Status.Err ?? '')) return true;
      if (s === 'failed' || s === 'rejected')
        throw new EngineError(`${name} could not start on the swarm: ${t.Status.Err ?? t.Status.Message ?? s}`);
      return undefined;
    },
    { timeoutMs },
    () => new TimeoutError(`${name} did not start on the swarm within ${Math.round(timeoutMs / 1000)} s`),
  );
}

/**
 * After an update: Swarm rolled every task to the new spec, or rolled back (the new spec failed).
 * A spec change that replaces no task (labels only) has nothing to roll.
 */
export async function waitRolled(
  conn: Connection,
  id: string,
  before: SwarmService,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const name = before.Spec.Name;
  const after = await inspectService(conn, id);
  // Only a changed task template rolls tasks; the updater may not have started yet when we look.
  if (JSON.stringify(after.Spec.TaskTemplate) === JSON.stringify(before.Spec.TaskTemplate)) return;
  const previous = before.UpdateStatus?.StartedAt;
  await until(
    async () => {
      const s = await inspectService(conn, id);
      const state = s.UpdateStatus?.State;
      if (state === undefined || s.UpdateStatus?.StartedAt === previous) return undefined;
      if (state === 'completed') return true;
      if (state === 'paused' || state.startsWith('rollback'))
        throw new EngineError(
          `${name}: the update was rolled back by the swarm: ${s.UpdateStatus?.Message ?? state}`,
          undefined,
          'the previous version keeps running; pond logs shows why the new one failed',
        );
      return undefined;
    },
    opts,
    () =>
      new TimeoutError(
        `${name}: the swarm did not finish rolling the update within ${Math.round(opts.timeoutMs / 1000)} s`,
      ),
  );
}
