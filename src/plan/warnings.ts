import type { ObservedState } from '../engine/types.js';
import type { DesiredState } from '../desired/types.js';
import { wantedBy } from './make-step.js';
import type { Step } from './types.js';

/** The observed volumes by engine name. */
type Volumes = Map<string, ObservedState['volumes'][number]>;

/**
 * What a plan does to data that the user may not expect, as printed lines: never blocking, and pure
 * (same inputs, same lines, in a stable order).
 */
export function dataWarnings(desired: DesiredState, observed: ObservedState, steps: Step[]): string[] {
  const volumes = new Map(observed.volumes.map((v) => [v.name, v]));
  return [
    ...desired.containers.flatMap(fsyncRisk),
    ...steps.flatMap(discardsEphemeral),
    ...steps.flatMap((s) => initOnlyWarnings(s, volumes)),
    ...volumeDrift(desired, volumes),
  ];
}

/** `mode: fast` on persistent storage is allowed, as an explicit choice; the plan says what it risks. */
function fsyncRisk(c: DesiredState['containers'][number]): string[] {
  if (!c.data?.persistent || c.data.fsync || !c.initOnly) return [];
  return [
    `${c.workload}: fsync off (mode: fast): a crash of the engine or machine can corrupt the data in volume ${c.initOnly.volume} (mode: durable, the default for persistent storage, syncs it)`,
  ];
}

/** A replace (or a restart of one on tmpfs) starts an ephemeral database empty. */
function discardsEphemeral(step: Step): string[] {
  const data = wantedBy(step)?.data;
  if (!data || data.persistent || step.resource !== 'container') return [];
  if (step.action === 'replace' || step.action === 'update')
    return [
      `${step.name}: ${step.action === 'update' ? 'updating' : 'replacing'} discards its ephemeral data (storage: ephemeral; storage: persistent keeps it)`,
    ];
  if (step.action === 'restart' && data.tmpfs)
    return [`${step.name}: restarting discards its ephemeral data (it lives on a tmpfs)`];
  return [];
}

/**
 * A replace that changes env the image reads only on first init (a database password) while its data
 * volume already exists: unless pond re-applies that env itself, the new value will be ignored.
 */
function initOnlyWarnings(step: Step, volumes: Volumes): string[] {
  const init = wantedBy(step)?.initOnly;
  if ((step.action !== 'replace' && step.action !== 'update') || !init || !volumes.has(init.volume)) return [];
  const changed = step.changes
    .map((c) => /^env\.([A-Za-z0-9_]+):/.exec(c)?.[1])
    .filter((k): k is string => !!k && init.env.includes(k));
  const ignored = changed.filter((k) => !init.applied?.env.includes(k));
  const applied = changed.filter((k) => init.applied?.env.includes(k));
  const lines: string[] = [];
  if (applied.length)
    lines.push(
      `${step.name}: ${applied.join(', ')} changed: volume ${init.volume} is already initialised, so pond applies the new value inside the database once it is healthy`,
    );
  if (ignored.length)
    lines.push(
      `${step.name}: ${ignored.join(', ')} changed, but volume ${init.volume} is already initialised: the image ignores the new value (change it inside the database, or start over with pond down --volumes)`,
    );
  return lines;
}

/**
 * An existing volume whose labels pond.yaml changed: the engine cannot relabel a volume, so pond keeps
 * it as it is and says so, instead of ignoring the change silently.
 */
function volumeDrift(desired: DesiredState, volumes: Volumes): string[] {
  const out: string[] = [];
  for (const want of desired.volumes) {
    const have = volumes.get(want.name);
    if (!have) continue;
    const keys = [...new Set([...Object.keys(want.labels), ...Object.keys(have.labels)])]
      .filter((k) => !k.startsWith('dev.pond.') && want.labels[k] !== have.labels[k])
      .sort();
    if (!keys.length) continue;
    out.push(
      `volume ${want.key}: labels changed in pond.yaml (${keys.join(', ')}), but an existing volume cannot be changed: it is kept as it is (pond down --volumes and up recreate it, deleting its data)`,
    );
  }
  return out;
}
