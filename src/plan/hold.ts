import type { Plan, Step } from './types.js';

export interface Held {
  step: Step;
  /** Why it is held: the caller's reason for a held step, or the held step a dependent waits for. */
  reason: string;
}

/**
 * Takes steps out of a plan without breaking it: every step that needs a held step (directly or
 * through others) is held too, so the executor never waits on a step that will not run. Pure.
 */
export function holdBack(plan: Plan, hold: Map<string, string>): { plan: Plan; held: Held[] } {
  const held = new Map<string, string>();
  const names = new Map(plan.steps.map((s) => [s.id, s.name]));
  for (const s of plan.steps) {
    const reason = hold.get(s.id);
    if (reason) held.set(s.id, reason);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const s of plan.steps) {
      if (held.has(s.id)) continue;
      const blocker = s.needs.find((n) => held.has(n.step));
      if (!blocker) continue;
      held.set(s.id, `waits for ${names.get(blocker.step) ?? blocker.step}, which is held`);
      grew = true;
    }
  }
  return {
    plan: { ...plan, steps: plan.steps.filter((s) => !held.has(s.id)) },
    held: plan.steps.flatMap((step) => {
      const reason = held.get(step.id);
      return reason === undefined ? [] : [{ step, reason }];
    }),
  };
}
