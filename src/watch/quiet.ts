import { LABEL } from '../labels.js';
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
  private missing = '';
  private timeBound = true;

  /** True when `inputs` are the very ones the last empty plan came from. */
  unchanged(inputs: PlanInputs): boolean {
    return this.project === inputs.project && this.fingerprint === fingerprintOf(inputs);
  }

  /** Records the inputs after a plan; only an empty one is worth skipping the next time. */
  remember(inputs: PlanInputs, empty: boolean): void {
    this.project = empty ? inputs.project : undefined;
    this.fingerprint = empty ? fingerprintOf(inputs) : '';
    this.missing = JSON.stringify(inputs.missingOutputs);
    this.timeBound =
      !empty ||
      inputs.stoppedByEngine.length > 0 ||
      inputs.observed.workloads.some((c) => c.labels[LABEL.run] !== undefined);
  }

  /**
   * The last plan was empty for this very project and these missing outputs, and nothing in it
   * depends on the clock (a run, whose owner may die; something the engine stopped): only a change
   * on the engine could plan something now.
   */
  settled(project: Project, missingOutputs: string[]): boolean {
    return this.project === project && !this.timeBound && this.missing === JSON.stringify(missingOutputs);
  }
}

function fingerprintOf(i: PlanInputs): string {
  return JSON.stringify([i.observed, i.missingOutputs, i.abandonedRuns, i.stoppedByEngine]);
}
