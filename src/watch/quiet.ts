import type { ObservedState } from '../engine/types.js';
import type { Project } from '../pipeline.js';

/** Everything a resync's plan is computed from, besides the clock (which only matters when there are steps). */
export interface PlanInputs {
  project: Project;
  observed: ObservedState;
  missingOutputs: string[];
  abandonedRuns: string[];
  stoppedByEngine: string[];
}

/**
 * Remembers the inputs of the last resync that planned nothing. Planning is pure, so the same
 * inputs plan nothing again: an idle watch re-observes every tick but skips re-planning (and the
 * allocations it costs at hundreds of workloads) until something it looks at changes.
 */
export class QuietPlan {
  private project: Project | undefined;
  private fingerprint = '';

  /** True when `inputs` are the very ones the last empty plan came from. */
  unchanged(inputs: PlanInputs): boolean {
    return this.project === inputs.project && this.fingerprint === fingerprintOf(inputs);
  }

  /** Records the inputs after a plan; only an empty one is worth skipping the next time. */
  remember(inputs: PlanInputs, empty: boolean): void {
    this.project = empty ? inputs.project : undefined;
    this.fingerprint = empty ? fingerprintOf(inputs) : '';
  }

  forget(): void {
    this.project = undefined;
    this.fingerprint = '';
  }
}

function fingerprintOf(i: PlanInputs): string {
  return JSON.stringify([i.observed, i.missingOutputs, i.abandonedRuns, i.stoppedByEngine]);
}
