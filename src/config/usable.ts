import type { Diagnostic, Location } from '../errors.js';
import type { MapNode, TreeNode } from './tree.js';
import type { DocPath } from './types.js';

/**
 * The part of a config that failed some checks which the later stages (model, references, graph) may
 * still read, so one run reports every problem: a workload the schema or interpolation refused is
 * left out (what it would add is a guess), a volume with bad settings stays declared by name only (a
 * mount naming it is not reported again), a refused `name:` falls back to the folder's. `blocked` says
 * why the later stages cannot run at all: there is no mapping of workloads to read.
 */
export interface UsableConfig {
  data: Record<string, unknown>;
  /** Workloads left out, sorted. */
  refused: string[];
  blocked?: string;
}

export function usablePart(
  data: Record<string, unknown>,
  tree: MapNode,
  places: DocPath[],
  early: Diagnostic[],
): UsableConfig {
  if (!isMapping(data.workloads)) return { data, refused: [], blocked: '"workloads" is not a mapping of workloads' };
  if (data.volumes !== undefined && data.volumes !== null && !isMapping(data.volumes))
    return { data, refused: [], blocked: '"volumes" is not a mapping of volumes' };
  const refused = new Set([...namesUnder(places, 'workloads'), ...workloadsHolding(tree, early)]);
  for (const [name, w] of Object.entries(data.workloads)) if (!isMapping(w)) refused.add(name);
  const badVolumes = new Set(namesUnder(places, 'volumes'));
  const renamed = places.some((p) => p[0] === 'name');
  // Nothing to leave out (every valid config): the data as it is, not a copy of it.
  if (refused.size === 0 && badVolumes.size === 0 && !renamed) return { data, refused: [] };
  const usable: Record<string, unknown> = {
    ...data,
    workloads: Object.fromEntries(Object.entries(data.workloads).filter(([n]) => !refused.has(n))),
  };
  if (isMapping(data.volumes))
    usable.volumes = Object.fromEntries(
      Object.entries(data.volumes).map(([n, v]) => [n, badVolumes.has(n) ? null : v]),
    );
  if (renamed) delete usable.name;
  return { data: usable, refused: [...refused].sort() };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function namesUnder(places: DocPath[], section: string): string[] {
  return places.filter((p) => p[0] === section && p.length >= 2).map((p) => String(p[1]));
}

/** The workloads whose text holds a located problem (an unset variable, say): found by position. */
function workloadsHolding(tree: MapNode, diagnostics: Diagnostic[]): string[] {
  const at = new Set(diagnostics.filter((d) => d.location).map((d) => key(d.location!)));
  if (at.size === 0) return [];
  const workloads = tree.entries.get('workloads')?.node;
  if (workloads?.kind !== 'map') return [];
  return [...workloads.entries].filter(([, e]) => holds(e.node, at)).map(([name]) => name);
}

function holds(node: TreeNode, at: Set<string>): boolean {
  if (at.has(key(node.loc))) return true;
  if (node.kind === 'seq') return node.items.some((n) => holds(n, at));
  if (node.kind === 'map') return [...node.entries.values()].some((e) => at.has(key(e.key)) || holds(e.node, at));
  return false;
}

function key(l: Location): string {
  return `${l.file}\u0000${l.line}\u0000${l.col}`;
}
