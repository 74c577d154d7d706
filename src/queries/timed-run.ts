import type { RunHandle } from '../engine/types.js';
import { InterruptedError, TimeoutError } from '../errors.js';
import { formatDuration } from '../units.js';

/**
 * Waits for a query's run to exit within `timeoutMs`, as apply's waitJob does for a query step. Past
 * it the run is killed and removed, and a TimeoutError (exit 124) names the limit; an abort (Ctrl-C)
 * removes it too.
 */
export async function waitTimed(run: RunHandle, what: string, timeoutMs: number, signal?: AbortSignal): Promise<number> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), timeoutMs);
  const onAbort = (): void => limit.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return (await run.wait({ signal: limit.signal })).exitCode;
  } catch (err) {
    if (!limit.signal.aborted || !(err instanceof InterruptedError)) throw err;
    await run.stop(0).catch(() => undefined);
    await run.remove().catch(() => undefined);
    if (signal?.aborted) throw new InterruptedError(`${what} was interrupted; its container was removed`);
    throw new TimeoutError(`${what} ran past its ${formatDuration(timeoutMs)} timeout; the container was killed and removed`, 'raise timeout: (or --timeout), or make the query cheaper (pond query NAME --explain shows its plan)');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
