import type { Engine } from '../engine/types.js';
import { EngineError, InterruptedError, TimeoutError } from '../errors.js';
import { formatDuration } from '../units.js';

/** What waiting on a terminating workload needs: a run's handle has this shape, and so has a container of a plan's step. */
export interface Job {
  wait(opts: { signal?: AbortSignal }): Promise<{ exitCode: number }>;
  stop(timeoutSec: number): Promise<void>;
  remove(): Promise<void>;
}

/** A created container of the plan (a query step) seen as a job. */
export function containerJob(engine: Engine, id: string): Job {
  return {
    wait: async (opts) => ({ exitCode: await engine.waitExit(id, opts) }),
    stop: (timeoutSec) => engine.stopWorkload(id, timeoutSec),
    remove: () => engine.removeWorkload(id),
  };
}

/**
 * Waits for a terminating workload (a query) to exit within `timeoutMs`. Past it the job is killed
 * and removed, and a TimeoutError (exit 124) names the limit; an abort (Ctrl-C) removes it too.
 */
export async function waitJob(job: Job, what: string, timeoutMs: number, signal?: AbortSignal): Promise<number> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), timeoutMs);
  const onAbort = (): void => limit.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return (await job.wait({ signal: limit.signal })).exitCode;
  } catch (err) {
    if (!limit.signal.aborted || !(err instanceof InterruptedError)) throw err;
    await job.stop(0).catch(() => undefined);
    await job.remove().catch(() => undefined);
    if (signal?.aborted) throw new InterruptedError(`${what} was interrupted; its container was removed`);
    throw new TimeoutError(
      `${what} ran past its ${formatDuration(timeoutMs)} timeout; the container was killed and removed`,
      'raise timeout: (or --timeout), or make the query cheaper (pond query NAME --explain shows its plan)',
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

const FAILED_TAIL = 10;

/**
 * A job that exited non-zero, with the last lines of this run (not of earlier ones) as the hint: a
 * query's DuckDB error, and what to do about a missing extension, shows in `up` itself. Never throws
 * while reading them.
 */
export async function jobFailed(engine: Engine, id: string, name: string, code: number): Promise<EngineError> {
  const tail: string[] = [];
  try {
    const started = Date.parse((await engine.inspectWorkload(id)).startedAt ?? '');
    const since = Number.isFinite(started) ? { since: started / 1000 } : {};
    for await (const line of engine.logs(id, { follow: false, tail: FAILED_TAIL, timestamps: false, ...since }))
      tail.push(line.text);
  } catch {
    tail.length = 0;
  }
  const hint = tail.length
    ? `last output of ${name}:\n${tail.join('\n')}\n(all of it: pond logs ${name})`
    : `see its output with: pond logs ${name}`;
  return new EngineError(`${name} exited with code ${code}`, undefined, hint);
}
