import type { ObservedWorkload, ObservedState } from '../engine/types.js';
import { LABEL } from '../labels.js';
import type { DesiredContainer, DesiredState } from '../desired/types.js';
import { makeStep } from './make-step.js';
import { stopTimeoutOf } from './observed.js';
import type { ContainerStop, Need, Orphan, OrphanVolume, Reason, VolumeRemove } from './types.js';
import { byText } from '../canonical.js';

/** Containers of workloads pond.yaml no longer names (scheduled bots' runs excepted): listed, removed only when asked. */
export function findOrphans(
  byWorkload: Map<string, ObservedWorkload[]>,
  desired: Map<string, DesiredContainer>,
  containerless: Set<string>,
): Orphan[] {
  const out: Orphan[] = [];
  for (const [workload, list] of [...byWorkload].sort(([a], [b]) => byText(a, b))) {
    if (desired.has(workload) || containerless.has(workload)) continue;
    for (const c of list) out.push({ name: workload, engineName: c.name, id: c.id, stopTimeoutSec: stopTimeoutOf(c) });
  }
  return out;
}

/**
 * Volumes pond made for this project that pond.yaml no longer declares (a volume taken out, or a
 * database switched from persistent to ephemeral storage). They hold data, so they are kept unless
 * --remove-orphans, and removing one is destructive.
 */
export function findOrphanVolumes(desired: DesiredState, observed: ObservedState): OrphanVolume[] {
  const wanted = new Set(desired.volumes.map((v) => v.name));
  return observed.volumes
    .filter((v) => !wanted.has(v.name))
    .map((v) => ({ name: v.labels[LABEL.volume] ?? v.name, engineName: v.name }))
    .sort((a, b) => byText(a.name, b.name));
}

/** Deleting an orphan volume, after every container this plan replaces or removes (one may still mount it). */
export function volumeRemoval(v: OrphanVolume, before: Need[]): VolumeRemove {
  return makeStep<VolumeRemove>({
    id: `volume:${v.name}`,
    action: 'remove',
    resource: 'volume',
    name: v.name,
    engineName: v.engineName,
    cause: 'no longer in pond.yaml: deletes its data',
    reason: 'orphan',
    destructive: true,
    needs: before,
    reach: [],
  });
}

/** Removing one existing container: an orphan, or a leftover of an interrupted replace. */
export function removal(c: Orphan, cause: string, reason: Reason): ContainerStop {
  return makeStep<ContainerStop>({
    id: `container:${c.name}#${c.id.slice(0, 12)}`,
    action: 'remove',
    resource: 'container',
    name: c.name,
    engineName: c.engineName,
    cause,
    reason,
    observedId: c.id,
    reach: [],
    stopTimeoutSec: c.stopTimeoutSec,
  });
}
