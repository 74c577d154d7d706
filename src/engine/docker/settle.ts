import { InterruptedError } from '../../errors.js';
import { describeExit } from '../describe-exit.js';
import { formatDuration } from '../../model/units.js';
import type { Connection } from './connection.js';
import { classify } from './errors.js';
import { exitError, exitFacts, nextExit, type SeenExit } from './exits.js';
import { hasExited, inspectRaw, type RawInspect } from './inspect.js';

/**
 * A container with no readiness check counts as up when it is still running `windowMs` after its
 * start: its first exit is awaited (the engine's wait call), bounded by the window, so a healthy one
 * costs the window and a crash is reported the moment it happens. Exit 0 with no restart following
 * is a job that finished, not a failure. A start resets the engine's restart count, so any restart
 * seen after the window is one of this start's.
 */
export async function waitSettled(conn: Connection, id: string, opts: { windowMs: number; signal?: AbortSignal }): Promise<void> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = await Promise.race([nextExit(conn, id, stop.signal).catch(() => new Promise<undefined>(() => undefined)), delay(opts.windowMs, stop.signal)]);
    if (opts.signal?.aborted) throw new InterruptedError(`stopped checking that container ${id.slice(0, 12)} stays up`);
    const within = `within ${formatDuration(opts.windowMs)} of starting`;
    if (exit) return finishedOrFailed(conn, id, exit, within);
    const raw = await inspect(conn, id);
    if (raw.State.Status === 'running' && raw.RestartCount === 0) return;
    if (hasExited(raw) && raw.State.ExitCode === 0) return;
    throw await exitError(conn, id, restartedText(raw, within));
  } finally {
    stop.abort();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

async function finishedOrFailed(conn: Connection, id: string, exit: SeenExit, within: string): Promise<void> {
  if (exit.final && exit.code === 0) return;
  const restarts = exit.final ? '' : ' (the engine restarts it: a crash loop)';
  throw await exitError(conn, id, `exited with ${describeExit(exit)} ${within}${restarts}`);
}

function restartedText(raw: RawInspect, within: string): string {
  const facts = exitFacts(raw);
  if (raw.RestartCount === 0) return `exited with ${describeExit(facts)} ${within}`;
  const times = raw.RestartCount === 1 ? 'once' : `${raw.RestartCount} times`;
  return `exited and was restarted ${times} ${within}, last with ${describeExit(facts)}`;
}

function delay(ms: number, signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(undefined);
    }, { once: true });
  });
}

async function inspect(conn: Connection, id: string): Promise<RawInspect> {
  try {
    return await inspectRaw(conn, id);
  } catch (err) {
    throw classify(err, conn.endpoint, `inspect container ${id}`);
  }
}
