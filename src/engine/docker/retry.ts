import { statusOf } from './errors.js';

/**
 * How long a call keeps trying through transient engine failures: a dockerd restart, a reset
 * keep-alive socket, a proxy's 503. Delays start at `firstDelayMs` and double up to `maxDelayMs`;
 * no retry starts after `budgetMs` since the first attempt, so an engine that stays away still fails
 * (as unreachable) within about the budget. `budgetMs: 0` means a single attempt.
 */
export interface RetryPolicy {
  budgetMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { budgetMs: 3_000, firstDelayMs: 50, maxDelayMs: 1_000 };

/** The default policy with its budget overridden (POND_ENGINE_RETRY_MS, read by the CLI). */
export function retryPolicy(budgetMs?: number): RetryPolicy {
  if (budgetMs === undefined || !Number.isFinite(budgetMs) || budgetMs < 0) return DEFAULT_RETRY;
  return { ...DEFAULT_RETRY, budgetMs };
}

/**
 * Failures where the request may or may not have reached the engine, or the engine was briefly not
 * there (its socket missing or refusing while it restarts). No HTTP status: an engine that answered
 * meant what it said. Timeouts are not here: retrying a 30 s silence would multiply it.
 */
const CONNECTION_FAULTS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ENOENT', 'ECONNABORTED']);

export function isConnectionFault(err: unknown): boolean {
  if (statusOf(err) !== undefined) return false;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_FAULTS.has(code);
}

/** A failed request never reached the engine: retrying even a non-idempotent one is safe. */
export function neverSent(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return statusOf(err) === undefined && (code === 'ENOENT' || code === 'ECONNREFUSED');
}

/** What a read may retry: connection faults and the engine's (or a proxy's) 5xx. Never a 4xx. */
export function isTransientRead(err: unknown): boolean {
  const status = statusOf(err);
  return isConnectionFault(err) || (status !== undefined && status >= 500);
}

/** Injected for tests: the clock and the wait. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: RetryClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Runs `attempt` (given its 0-based number) until it succeeds, fails with something `retryable`
 * rejects, or the budget is spent; then the last error is thrown unchanged, so the caller's
 * classification (EngineUnreachableError for a missing engine) still applies.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  retryable: (err: unknown) => boolean,
  clock: RetryClock = REAL_CLOCK,
): Promise<T> {
  const start = clock.now();
  let delay = policy.firstDelayMs;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      const wait = Math.min(delay, policy.maxDelayMs);
      if (!retryable(err) || clock.now() - start + wait > policy.budgetMs) throw err;
      await clock.sleep(wait);
      delay *= 2;
    }
  }
}
