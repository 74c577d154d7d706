import type { Plan } from '../plan/types.js';

export interface HoldInputs {
  /** --yes: steps that lose persistent data may run unattended. */
  yes: boolean;
  /** Step ids the user confirmed at the keyboard. */
  approved: Set<string>;
  /** Workloads still waiting out their restart backoff, with the milliseconds left. */
  backoff: Map<string, number>;
}

/**
 * Which steps watch mode must not run now, and why: data-losing steps nobody confirmed, and
 * self-healing restarts of a workload still in backoff. A config change (create, replace) is never
 * held by backoff: the user asked for it.
 */
export function holdsFor(plan: Plan, inputs: HoldInputs): Map<string, string> {
  const hold = new Map<string, string>();
  for (const s of plan.steps) {
    if (s.destructive && !inputs.yes && !inputs.approved.has(s.id)) {
      hold.set(s.id, 'would delete persistent data: press y to apply it, or run with --yes');
      continue;
    }
    const wait = inputs.backoff.get(s.name);
    if (wait !== undefined && (s.action === 'start' || s.action === 'restart')) {
      hold.set(s.id, `crash loop: next restart in ${Math.ceil(wait / 1000)}s`);
    }
  }
  return hold;
}
