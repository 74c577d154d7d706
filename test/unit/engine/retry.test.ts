import { describe, expect, it } from 'vitest';
import {
  isConnectionFault,
  isTransientRead,
  retryPolicy,
  withRetry,
  type RetryClock,
} from '../../../src/engine/docker/retry.js';

function fakeClock(): RetryClock & { waits: number[] } {
  let t = 0;
  const waits: number[] = [];
  return { waits, now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)) };
}

const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const http = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { statusCode });

function failing(times: number, err: unknown): (n: number) => Promise<string> {
  return async (n) => {
    if (n < times) throw err;
    return 'ok';
  };
}

describe('engine retry policy', () => {
  it('waits 50 ms, doubling up to 1 s between attempts', async () => {
    const clock = fakeClock();
    await withRetry(
      { budgetMs: 10_000, firstDelayMs: 50, maxDelayMs: 1_000 },
      failing(7, reset),
      isConnectionFault,
      clock,
    );
    expect(clock.waits).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
  });

  it('starts no wait that would end past the budget and throws the last error unchanged', async () => {
    const clock = fakeClock();
    const run = withRetry(
      { budgetMs: 400, firstDelayMs: 50, maxDelayMs: 1_000 },
      failing(100, reset),
      isConnectionFault,
      clock,
    );
    await expect(run).rejects.toBe(reset);
    expect(clock.waits).toEqual([50, 100, 200]);
  });

  it('a budget of 0 means one attempt', async () => {
    const clock = fakeClock();
    await expect(withRetry(retryPolicy(0), failing(1, reset), isConnectionFault, clock)).rejects.toBe(reset);
    expect(clock.waits).toEqual([]);
  });

  it('never retries an error the predicate rejects (a 4xx)', async () => {
    const clock = fakeClock();
    const conflict = http(409);
    await expect(withRetry(retryPolicy(5_000), failing(1, conflict), isTransientRead, clock)).rejects.toBe(conflict);
    expect(clock.waits).toEqual([]);
  });

  it('reads retry connection faults and 5xx; mutations only connection faults; timeouts and 4xx neither', () => {
    expect(
      [reset, http(503), http(500), http(404), { code: 'ETIMEDOUT' }, { code: 'ENOENT' }].map(isTransientRead),
    ).toEqual([true, true, true, false, false, true]);
    expect(
      [reset, http(503), { code: 'EPIPE' }, { code: 'ECONNREFUSED' }, { code: 'EACCES' }].map(isConnectionFault),
    ).toEqual([true, false, true, true, false]);
  });
});
