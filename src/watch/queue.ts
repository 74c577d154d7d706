/** What a reconcile was asked for: re-read the files (a save) or only re-observe the engine (a tick). */
export interface Trigger {
  reread: boolean;
  reasons: string[];
}

/**
 * The reconcile token: at most one run in flight and at most one pending. Requests made while a run
 * is in flight merge into the single pending one (level-triggered: the next run looks at the whole
 * world again, so nothing is lost by merging).
 */
export class ReconcileQueue {
  private running: Promise<void> | undefined;
  private pending: Trigger | undefined;
  private stopped = false;

  constructor(
    private readonly run: (t: Trigger) => Promise<unknown>,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  request(t: Trigger): void {
    if (this.stopped) return;
    this.pending = this.pending
      ? { reread: this.pending.reread || t.reread, reasons: [...new Set([...this.pending.reasons, ...t.reasons])] }
      : t;
    if (!this.running) this.running = this.drain();
  }

  get busy(): boolean {
    return !!this.running;
  }

  /** Resolves once nothing is in flight or pending. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking requests; resolves when the run in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = undefined;
    await this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending && !this.stopped) {
      const t = this.pending;
      this.pending = undefined;
      await this.run(t).catch(this.onError);
    }
    this.running = undefined;
  }
}
