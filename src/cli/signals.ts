/**
 * Stop signals, handled in one place. SIGINT (Ctrl-C), SIGTERM (CI systems, `docker stop`, `kill`)
 * and SIGHUP (a closed terminal) all mean "stop": the running command finishes the
 * engine calls in flight, starts nothing new and exits with 128 + the signal number. A second signal
 * exits at once, saying the state may be partial and what the next `pond up` does about it.
 */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const STOP_SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const PARTIAL =
  'stopped at once: the state may be partial. The next `pond up` finishes the plan; leftovers of an unfinished replace are removed then.';

type Handler = (signal: StopSignal) => void;
const handlers: Handler[] = [];
let received: StopSignal | undefined;
let count = 0;
let installed = false;

/** The first stop signal this process got, if any. */
export function stopSignal(): StopSignal | undefined {
  return received;
}

/** The exit code for "interrupted": that of the signal received (130 when none was, e.g. a test). */
export function interruptedExitCode(): number {
  return SIGNAL_EXIT[received ?? 'SIGINT'];
}

/**
 * Installs the process-wide listeners once. With no command handler registered a signal exits at
 * once (nothing is in flight); otherwise every registered handler gets it (watch mode's
 * wait and the apply it runs both stop).
 */
export function installSignals(err: (line: string) => void): void {
  if (installed) return;
  installed = true;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      count++;
      received ??= signal;
      if (count > 1) err(`\nsecond ${signal}: ${PARTIAL}`);
      if (!handlers.length || count > 1) process.exit(SIGNAL_EXIT[signal]);
      for (const h of [...handlers]) h(signal);
    });
  }
}

/** Runs `fn` with `handler` receiving stop signals; the handler is removed again when `fn` settles. */
export async function whileStoppable<T>(handler: Handler, fn: () => Promise<T>): Promise<T> {
  handlers.push(handler);
  try {
    return await fn();
  } finally {
    handlers.splice(handlers.lastIndexOf(handler), 1);
  }
}

/** Resolves at the next stop signal (watch mode waits for it). */
export function untilStopped(): Promise<StopSignal> {
  return new Promise((resolve) => {
    const handler: Handler = (signal) => {
      handlers.splice(handlers.lastIndexOf(handler), 1);
      resolve(signal);
    };
    handlers.push(handler);
  });
}

/** A Ctrl-C read from a raw-mode terminal, delivered as if it were SIGINT. */
export function emitStop(): void {
  process.emit('SIGINT');
}
