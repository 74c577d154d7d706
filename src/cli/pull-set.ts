import type { DesiredContainer } from '../desired/types.js';
import { UsageError } from '../errors.js';

/** One image `pond pull` fetches, with the workloads that run it (several may share one). */
export interface PullTarget {
  image: string;
  workloads: string[];
}

/**
 * Every image the named workloads need (all of them when `names` is empty): standing containers,
 * queries and scheduled bots' run templates alike, one target per distinct image, sorted by image.
 */
export function pullTargets(containers: DesiredContainer[], names: string[], project: string): PullTarget[] {
  const declared = [...new Set(containers.map((c) => c.workload))].sort();
  const unknown = names.filter((n) => !declared.includes(n));
  if (unknown.length) {
    throw new UsageError(
      `no workload ${unknown.map((u) => `"${u}"`).join(', ')} in project "${project}"`,
      `workloads in pond.yaml: ${declared.join(', ') || '(none)'}`,
    );
  }
  const byImage = new Map<string, Set<string>>();
  for (const c of containers.filter((c) => !names.length || names.includes(c.workload))) {
    byImage.set(c.spec.image, (byImage.get(c.spec.image) ?? new Set()).add(c.workload));
  }
  return [...byImage.keys()].sort().map((image) => ({ image, workloads: [...byImage.get(image)!].sort() }));
}
