/**
 * Runs `fn` with a signal that Ctrl-C aborts (after `onInterrupt`, if given), so whatever it started
 * (a run's container, a query's) is stopped and removed instead of left behind. The handler is
 * removed again when `fn` settles.
 */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>, onInterrupt?: () => void): Promise<T> {
  const abort = new AbortController();
  const onSigint = (): void => {
    onInterrupt?.();
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(abort.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
