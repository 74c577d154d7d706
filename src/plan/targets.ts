import { didYouMean } from '../config/suggest.js';
import { UsageError } from '../errors.js';

/** An edge of the dependency graph: `from` depends on `to`. */
export interface DependencyEdge {
  from: string;
  to: string;
}

/**
 * The workloads a targeted command acts on (`pond up a b`): those named and, unless `noDeps`, everything
 * they depend on, transitively (Compose's semantics). An unknown name is refused before anything is
 * looked up on the engine, with the nearest known name as a hint.
 */
export function selectTargets(names: string[], known: string[], edges: DependencyEdge[], noDeps = false): Set<string> {
  refuseUnknown(names, known);
  const chosen = new Set(names);
  if (noDeps) return chosen;
  const deps = new Map<string, string[]>();
  for (const e of edges) deps.set(e.from, [...(deps.get(e.from) ?? []), e.to]);
  const todo = [...names];
  while (todo.length) {
    for (const d of deps.get(todo.pop()!) ?? []) {
      if (chosen.has(d)) continue;
      chosen.add(d);
      todo.push(d);
    }
  }
  return chosen;
}

/** The workloads that depend on any of `names`, transitively (for `stop --with-dependents`). */
export function dependentsOf(names: Iterable<string>, edges: DependencyEdge[]): Set<string> {
  const users = new Map<string, string[]>();
  for (const e of edges) users.set(e.to, [...(users.get(e.to) ?? []), e.from]);
  const out = new Set<string>();
  const todo = [...names];
  while (todo.length) {
    for (const u of users.get(todo.pop()!) ?? []) {
      if (out.has(u)) continue;
      out.add(u);
      todo.push(u);
    }
  }
  return out;
}

export function refuseUnknown(names: string[], known: string[]): void {
  const unknown = [...new Set(names.filter((n) => !known.includes(n)))];
  if (!unknown.length) return;
  const close = unknown.map((u) => didYouMean(u, known)).filter(Boolean);
  const hint = close.length
    ? `did you mean ${close.map((c) => `"${c}"`).join(', ')}? workloads: ${known.join(', ')}`
    : known.length
      ? `workloads: ${known.join(', ')}`
      : 'pond.yaml declares no workloads';
  throw new UsageError(
    `no workload ${unknown.map((u) => `"${u}"`).join(', ')} in pond.yaml: nothing was changed`,
    hint,
  );
}
