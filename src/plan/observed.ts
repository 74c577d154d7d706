import type { ObservedWorkload } from '../engine/types.js';
import { LABEL } from '../labels.js';
import { byText } from '../canonical.js';

/** The project's standing containers by workload label, sorted by name; one-off runs are not a workload's. */
export function groupByWorkload(containers: ObservedWorkload[]): Map<string, ObservedWorkload[]> {
  const out = new Map<string, ObservedWorkload[]>();
  for (const c of [...containers].sort((a, b) => byText(a.name, b.name))) {
    const w = c.labels[LABEL.workload];
    if (c.labels[LABEL.run] !== undefined) continue; // a one-off run is not the workload's container
    const list = w ? out.get(w) : undefined;
    if (list) list.push(c);
    else if (w) out.set(w, [c]);
  }
  return out;
}

/** The container with the canonical name wins; any other (left by an interrupted replace) is removed. */
export function pickCurrent(candidates: ObservedWorkload[], name: string): ObservedWorkload | undefined {
  return candidates.find((c) => c.name === name) ?? candidates[0];
}

/** A container's own stop_grace_period, from the spec label it was created with; 10 s otherwise. */
export function stopTimeoutOf(c: ObservedWorkload): number {
  return stopTimeoutIn(parseSpecLabel(c));
}

/** The same, from a spec label already parsed. */
export function stopTimeoutIn(spec: Record<string, unknown>): number {
  const grace = spec.stop_grace_period;
  const seconds = typeof grace === 'string' ? Number(/^(\d+)s$/.exec(grace)?.[1]) : NaN;
  return Number.isInteger(seconds) ? seconds : 10;
}

export function parseSpecLabel(c: ObservedWorkload): Record<string, unknown> {
  try {
    return JSON.parse(c.labels[LABEL.spec] ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}
