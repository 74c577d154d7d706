import type { ObservedState } from '../engine/types.js';
import type { Plan } from './types.js';

/** A step pond will not take: it is known to fail and to leave the workload down. */
export interface Refusal {
  workload: string;
  message: string;
  hint: string;
}

/**
 * A database replace that changes the server's major version on an initialised persistent volume:
 * the new server refuses the old data dir, and the old container is gone by then. Refused at plan
 * time instead, with the way through (dump, start over, restore). Pure.
 */
export function refusals(plan: Plan, observed: ObservedState): Refusal[] {
  const out: Refusal[] = [];
  for (const step of plan.steps) {
    if (step.resource !== 'container' || (step.action !== 'replace' && step.action !== 'update')) continue;
    const want = step.container;
    const init = want.initOnly;
    if (!init || !want.data?.persistent) continue;
    if (!observed.volumes.some((v) => v.name === init.volume)) continue;
    const old = observed.workloads.find((c) => c.id === step.observedId);
    const [from, to] = [major(old?.image), major(want.spec.image)];
    if (!old || from === undefined || to === undefined || from === to) continue;
    out.push({
      workload: step.name,
      message: `${step.name}: version ${from} → ${to} on the initialised volume ${init.volume}: the new server cannot read the old data dir, and the replace would leave the database down`,
      hint: `keep version "${from}", or dump the data first (docker exec ${old.name} pg_dumpall -U pond > dump.sql, or mysqldump), then pond down --volumes --yes, pond up, and restore it`,
    });
  }
  return out;
}

function major(image: string | undefined): string | undefined {
  return /:(\d+)[^/]*$/.exec(image ?? '')?.[1];
}
