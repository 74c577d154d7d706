import type { ObservedState } from '../engine/types.js';
import { LABEL } from '../labels.js';
import { parseSpecLabel, stopTimeoutIn } from './observed.js';
import { makeStep } from './make-step.js';
import type { ContainerStop, DownOptions, NetworkRemove, Plan, Step, VolumeRemove } from './types.js';
import { byText } from '../canonical.js';

/** Why down tolerates a network the engine will not remove (DESIGN §7: "has active endpoints" after a mass teardown). */
export const STUCK_NETWORK = 'it is harmless; a dockerd restart clears it';

/**
 * Tears down everything the project owns. Dependents go before what they depend on (read from each
 * container's own spec label, so `down` works without pond.yaml); networks after all containers;
 * volumes only with `volumes: true`, marked destructive.
 */
export function planDown(project: string, observed: ObservedState, options: DownOptions): Plan {
  const containers = [...observed.workloads].sort((a, b) => byText(a.name, b.name));
  const idOf = (c: (typeof containers)[number]): string =>
    `container:${c.labels[LABEL.workload] ?? c.name}#${c.id.slice(0, 12)}`;
  const specs = new Map(containers.map((c) => [c, parseSpecLabel(c)]));
  const dependents = dependentsByWorkload(containers, specs);
  const steps: Step[] = containers.map((c) => {
    const workload = c.labels[LABEL.workload] ?? c.name;
    return makeStep<ContainerStop>({
      id: idOf(c),
      action: 'remove',
      resource: 'container',
      name: workload,
      engineName: c.name,
      cause: 'pond down',
      reason: 'requested',
      reach: [],
      observedId: c.id,
      stopTimeoutSec: stopTimeoutIn(specs.get(c) ?? {}),
      needs: (dependents.get(workload) ?? []).map((d) => ({ step: idOf(d), condition: 'started' as const })),
    });
  });
  const containerIds = steps.map((s) => ({ step: s.id, condition: 'started' as const }));
  for (const n of [...observed.networks].sort((a, b) => byText(a.name, b.name))) {
    const name = n.labels[LABEL.network] ?? n.name;
    steps.push(
      makeStep<NetworkRemove>({
        id: `network:${name}`,
        action: 'remove',
        resource: 'network',
        name,
        engineName: n.name,
        cause: 'pond down',
        reason: 'requested',
        reach: [],
        needs: containerIds,
        bestEffort: STUCK_NETWORK,
      }),
    );
  }
  if (options.volumes) {
    for (const v of [...observed.volumes].sort((a, b) => byText(a.name, b.name))) {
      const key = v.labels[LABEL.volume] ?? v.name;
      steps.push(
        makeStep<VolumeRemove>({
          id: `volume:${key}`,
          action: 'remove',
          resource: 'volume',
          name: key,
          engineName: v.name,
          cause: 'pond down --volumes: deletes its data',
          reason: 'requested',
          reach: [],
          destructive: true,
          needs: containerIds,
        }),
      );
    }
  }
  return { project, steps, unchanged: [], orphans: [], warnings: [] };
}

/** For each workload, the containers whose spec label lists it under depends_on, in the order given. */
function dependentsByWorkload(
  containers: Container[],
  specs: Map<Container, Record<string, unknown>>,
): Map<string, Container[]> {
  const out = new Map<string, Container[]>();
  for (const c of containers) {
    const deps = specs.get(c)?.depends_on;
    if (!deps || typeof deps !== 'object') continue;
    for (const workload of Object.keys(deps)) {
      const list = out.get(workload);
      if (list) list.push(c);
      else out.set(workload, [c]);
    }
  }
  return out;
}

type Container = ObservedState['workloads'][number];
