import { InterruptedError } from '../../errors.js';
import { describeExit } from '../describe-exit.js';
import { formatDuration } from '../../units.js';
import type { Connection } from './connection.js';
import { classify } from './errors.js';
import { exitError, exitFacts, nextExit, type SeenExit } from './exits.js';
import { hasExited, inspectRaw, type RawInspect } from './inspect.js';

/** The exit that makes a crash loop here: one restart is forgiven (a program that fails once while something it needs starts). */
const SETTLE_EXITS = 2;

/**
 * A container with no readiness check counts as up once it has stayed up `windowMs` in one go: its
 * exits are awaited (the engine's wait call), each bounded by the window, so a healthy one costs the
 * window and a crash is reported the moment it happens. It fails at a final exit other than 0 (exit 0
 * with no restart following is a job that finished) and at its second exit under a restart policy. A
 * start resets the engine's restart count, so the count is this start's exits.
 */
export async function waitSettled(
  conn: Connection,
  id: string,
  opts: { windowMs: number; signal?: AbortSignal },
): Promise<void> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const within = `within ${formatDuration(opts.windowMs)} of starting`;
  try {
    for (;;) {
      const exit = await Promise.race([
        nextExit(conn, id, stop.signal).catch(() => never()),
        delay(opts.windowMs, stop.signal),
      ]);
      if (opts.signal?.aborted)
        throw new InterruptedError(`stopped checking that container ${id.slice(0, 12)} stays up`);
      if (!exit) return await stayedUp(conn, id, within);
      if (exit.final && exit.code === 0) return;
      if (exit.final) throw await exitError(conn, id, `exited with ${describeExit(exit)} ${within}`);
      if (exit.restarts >= SETTLE_EXITS)
        throw await exitError(conn, id, crashText(exit.restarts, describeExit(exit), within));
    }
  } finally {
    stop.abort();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** The window passed with no exit seen; an exit before the first wait was set up still shows in the count. */
async function stayedUp(conn: Connection, id: string, within: string): Promise<void> {
  const raw = await inspect(conn, id);
  if (hasExited(raw) && raw.State.ExitCode !== 0)
    throw await exitError(conn, id, `exited with ${describeExit(exitFacts(raw))} ${within}`);
  if (raw.RestartCount >= SETTLE_EXITS)
    throw await exitError(conn, id, crashText(raw.RestartCount, describeExit(exitFacts(raw)), within));
}

function crashText(restarts: number, last: string, within: string): string {
  return `keeps crashing: exited ${restarts} times, each ${within}, last with ${last}`;
}

function never(): Promise<SeenExit> {
  return new Promise(() => undefined);
}

function delay(ms: number, signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
      { once: true },
    );
  });
}

async function inspect(conn: Connection, id: string): Promise<RawInspect> {
  try {
    return await inspectRaw(conn, id);
  } catch (err) {
    throw classify(err, conn.endpoint, `inspect container ${id}`);
  }
}
