import { InterruptedError } from '../errors.js';

/**
 * A counting semaphore: at most `max` engine-call phases run at once. Waiting for health holds no
 * slot. After `signal` aborts, a caller that was still queued for a slot starts nothing: it fails
 * with InterruptedError once its turn comes.
 */
export class Limit {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(
    private readonly max: number,
    private readonly signal?: AbortSignal,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      if (this.signal?.aborted) throw new InterruptedError('interrupted before its engine calls started');
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
