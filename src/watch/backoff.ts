/**
 * Per-key retry backoff: 1 s, 2 s, 4 s … up to a cap, forgotten once the key has stayed quiet for
 * `resetAfterMs` (or by `forget`). Watch mode keys it by workload for self-healing restarts, and by
 * the engine for reconnects. Pure: the caller passes the clock.
 */
export class Backoff {
  private readonly state = new Map<string, { restarts: number; notBefore: number; lastRestart: number }>();

  constructor(
    private readonly baseMs = 1_000,
    private readonly capMs = 60_000,
    private readonly resetAfterMs = 60_000,
  ) {}

  /** Workloads that may not be restarted yet, with how long they still wait. */
  held(now: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [w, s] of this.state) if (s.notBefore > now) out.set(w, s.notBefore - now);
    return out;
  }

  /** Records a restart; returns how many in a row and the wait before the next one may happen. */
  restarted(workload: string, now: number): { restarts: number; nextDelayMs: number } {
    const prev = this.state.get(workload);
    const restarts = prev && now - prev.lastRestart < this.resetAfterMs ? prev.restarts + 1 : 1;
    const nextDelayMs = Math.min(this.capMs, this.baseMs * 2 ** (restarts - 1));
    this.state.set(workload, { restarts, notBefore: now + nextDelayMs, lastRestart: now });
    return { restarts, nextDelayMs };
  }

  /** Ends a streak at once (the thing came back), instead of waiting for `resetAfterMs`. */
  forget(workload: string): void {
    this.state.delete(workload);
  }

  restarts(workload: string): number {
    return this.state.get(workload)?.restarts ?? 0;
  }

  /** Every workload's streak, for `pond ps` (through the heal state file): when it may restart next, in epoch ms. */
  snapshot(): Record<string, { restarts: number; not_before: number }> {
    return Object.fromEntries([...this.state].map(([w, s]) => [w, { restarts: s.restarts, not_before: s.notBefore }]));
  }
}
