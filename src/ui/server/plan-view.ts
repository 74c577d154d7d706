import type { StepEvent } from '../../apply/executor.js';
import type { Held } from '../../plan/hold.js';
import type { Plan } from '../../plan/types.js';
import type { UiState } from '../types.js';

type PlanView = NonNullable<UiState['plan']>;
type Status = PlanView['steps'][number]['status'];

const STATUS: Partial<Record<StepEvent['status'], Status>> = {
  running: 'running',
  done: 'done',
  failed: 'failed',
  skipped: 'failed',
  cancelled: 'pending',
};

/**
 * Watch mode's current plan as the page shows it: the steps being applied with their status, and the
 * steps held for data loss as waiting-confirm. Fed by the watch's plans and the executor's step events.
 */
export class PlanTracker {
  private steps: PlanView['steps'] = [];

  /**
   * A new plan: its steps pending, the held ones waiting for a confirmation. An empty plan leaves a
   * finished apply on show (the resync after it plans nothing); true when the view changed.
   */
  begin(plan: Plan, held: Held[]): boolean {
    const before = JSON.stringify(this.steps);
    if (!plan.steps.length && !held.length && this.steps.every((s) => s.status === 'done' || s.status === 'failed'))
      return false;
    const row = (s: Plan['steps'][number], status: Status): PlanView['steps'][number] => ({
      id: s.id,
      action: s.action,
      name: s.name,
      cause: s.cause,
      destructive: s.destructive,
      status,
    });
    this.steps = [
      ...plan.steps.map((s) => row(s, 'pending')),
      ...held.map((h) => ({ ...row(h.step, 'waiting-confirm'), cause: `${h.step.cause} (held: ${h.reason})` })),
    ];
    return JSON.stringify(this.steps) !== before;
  }

  /** Records a step's new status; true when the view changed (progress lines do not change it). */
  step(e: StepEvent): boolean {
    const status = STATUS[e.status];
    const row = this.steps.find((s) => s.id === e.step.id);
    if (!status || !row || row.status === status) return false;
    row.status = status;
    return true;
  }

  /** Undefined while there is nothing to show (an empty plan, nothing held). */
  view(): UiState['plan'] {
    return this.steps.length ? { steps: this.steps.map((s) => ({ ...s })) } : undefined;
  }
}
