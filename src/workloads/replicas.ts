import type { RawWorkload } from '../model/raw.js';
import { normalizePlacement } from '../model/placement.js';
import type { Reporter } from '../model/report.js';
import type { WorkloadSpec } from '../model/types.js';
import { kindOf } from './registry.js';

/**
 * The workload's `replicas:` and `placement:` (read from the key as the user wrote it, since a
 * kind's expansion need not carry it), refusing more than one copy of a kind that runs only one.
 */
export function copiesOf(
  name: string,
  raw: RawWorkload,
  report: Reporter,
): Pick<WorkloadSpec, 'replicas' | 'placement'> {
  const at = ['workloads', name];
  const out = normalizePlacement(raw, at, report);
  const kind = kindOf(raw.kind);
  if (out.replicas !== undefined && out.replicas > 1 && kind.singleCopy)
    report.error(
      [...at, 'replicas'],
      'replicas',
      `workload ${name}: a ${kind.name} runs one copy, not ${out.replicas}: ${kind.singleCopy.why}`,
      kind.singleCopy.hint,
    );
  return out;
}
