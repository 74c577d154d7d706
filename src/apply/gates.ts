import type { Condition } from '../engine/types.js';

/** Why a gate will never open: the step failed, was skipped, or was never started. */
export class GateClosed extends Error {
  constructor(
    readonly stepName: string,
    readonly reason: 'failed' | 'skipped' | 'cancelled',
  ) {
    super(`${stepName} ${reason}`);
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: GateClosed) => void;
  settled: boolean;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: GateClosed) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject, settled: false };
}

const CONDITIONS: Condition[] = ['started', 'healthy', 'completed'];

/**
 * One gate per (step, condition). A dependent awaits the gate of the condition it declared; a step
 * that fails closes every gate it had not opened, so its dependents are skipped rather than stuck.
 */
export class Gates {
  private readonly gates = new Map<string, Map<Condition, Deferred>>();

  private get(step: string, condition: Condition): Deferred {
    let byCondition = this.gates.get(step);
    if (!byCondition) this.gates.set(step, (byCondition = new Map()));
    let d = byCondition.get(condition);
    if (!d) byCondition.set(condition, (d = deferred()));
    return d;
  }

  wait(step: string, condition: Condition): Promise<void> {
    return this.get(step, condition).promise;
  }

  open(step: string, condition: Condition): void {
    const d = this.get(step, condition);
    if (d.settled) return;
    d.settled = true;
    d.resolve();
  }

  /** The step is finished: every condition a dependent could wait for is met. */
  openAll(step: string): void {
    for (const c of CONDITIONS) this.open(step, c);
  }

  close(step: string, name: string, reason: GateClosed['reason']): void {
    for (const c of CONDITIONS) {
      const d = this.get(step, c);
      if (d.settled) continue;
      d.settled = true;
      d.reject(new GateClosed(name, reason));
    }
  }
}
