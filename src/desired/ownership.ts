import type { ObservedWorkload, ObservedState } from '../engine/types.js';
import { containerName, LABEL } from '../labels.js';

/** The identity an object must carry to be this checkout's: see src/identity.ts. */
export interface Owner {
  project: string;
  id: string;
}

/** An object of this project's name made by another checkout: pond refuses to act while it exists. */
export interface ForeignObject {
  kind: 'container' | 'volume' | 'network';
  name: string;
  id: string;
  dir?: string;
}

export interface Ownership {
  /** What this checkout owns: the only objects any plan may act on. */
  owned: ObservedState;
  foreign: ForeignObject[];
  /** Objects that only carry the project label (made by hand, or `docker commit` + `docker run`): ignored. */
  strangers: string[];
}

/**
 * Sorts one snapshot by owner. An object is this checkout's when its identity label is ours, or when
 * it has none but carries pond's full label set (made before identities existed). A container must
 * also bear a name pond gives (the workload's, a replace's temporary one, a run's), because
 * `docker commit` + `docker run` copies every label onto a container pond never made. Pure.
 */
export function sortOwnership(observed: ObservedState, owner: Owner): Ownership {
  const foreign: ForeignObject[] = [];
  const strangers: string[] = [];
  const keep = <T extends { name: string; labels: Record<string, string> }>(
    kind: ForeignObject['kind'],
    o: T,
    wellFormed: boolean,
  ): boolean => {
    const id = o.labels[LABEL.identity];
    if (id !== undefined && id !== owner.id) {
      foreign.push({ kind, name: o.name, id, ...(o.labels[LABEL.dir] && { dir: o.labels[LABEL.dir] }) });
      return false;
    }
    if (wellFormed && (id !== undefined || o.labels[LABEL.version] !== undefined)) return true;
    strangers.push(`${kind} ${o.name}`);
    return false;
  };
  const owned: ObservedState = {
    workloads: observed.workloads.filter((c) => keep('container', c, pondNamed(c, owner.project))),
    volumes: observed.volumes.filter((v) => keep('volume', v, v.labels[LABEL.volume] !== undefined)),
    networks: observed.networks.filter((n) => keep('network', n, n.labels[LABEL.network] !== undefined)),
  };
  return { owned, foreign, strangers };
}

/** Names pond gives a workload's containers: `p-w`, `<id12>_p-w` during a replace, `p-w-run-<id>` for runs. */
function pondNamed(c: ObservedWorkload, project: string): boolean {
  const workload = c.labels[LABEL.workload];
  if (!workload || c.labels[LABEL.configHash] === undefined) return false;
  const name = containerName(project, workload);
  if (c.labels[LABEL.run] !== undefined) return c.name === `${name}-run-${c.labels[LABEL.run]}`;
  return c.name === name || (c.name.endsWith(`_${name}`) && /^[0-9a-f]{12}_/.test(c.name));
}
