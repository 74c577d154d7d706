import type { Plan, Step } from './types.js';

/**
 * The plan as its graph, one line per step: `[need@condition, ...] -> id action: cause (reason)`,
 * then what it awaits outside the plan, the conditions it reports, and the planner's flags. Made for
 * golden planner tests (a changed edge shows as a changed line), not for users: `renderPlan` is theirs.
 */
export function renderEdges(plan: Plan): string {
  return plan.steps.map(edgeLine).join('\n') + '\n';
}

function edgeLine(s: Step): string {
  const needs = `[${s.needs.map((n) => `${n.step}@${n.condition}`).join(', ')}]`;
  const extras = [
    s.awaits.length ? `awaits [${s.awaits.map((a) => `${a.workload}@${a.condition}`).join(', ')}]` : '',
    s.reach.length ? `reaches ${s.reach.join(',')}` : '',
    s.destructive ? 'destructive' : '',
    s.resource === 'network' && s.action === 'remove' && s.bestEffort !== false ? `best-effort: ${s.bestEffort}` : '',
  ].filter(Boolean);
  return `${needs} -> ${s.id} ${s.action}: ${s.cause} (${s.reason})${extras.length ? ` | ${extras.join(' | ')}` : ''}`;
}
