import { whileStoppable } from './signals.js';

/**
 * Runs `fn` with a signal that a stop signal (Ctrl-C, SIGTERM, SIGHUP) aborts, after `onInterrupt`
 * if given, so whatever it started (a run's container, a query's) is stopped and removed instead of
 * left behind.
 */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>, onInterrupt?: () => void): Promise<T> {
  const abort = new AbortController();
  return whileStoppable(
    () => {
      onInterrupt?.();
      abort.abort();
    },
    () => fn(abort.signal),
  );
}
