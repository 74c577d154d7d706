import type { WorkloadSpec } from '../model/types.js';
import type { KindDefinition, KindDisplay, KindLifecycle, KindLink, KindNeed } from './kind.js';
import { factsOf, KINDS } from './registry.js';

/**
 * The kinds whose facts a workload carries, each with those facts. Dispatch goes by the facts
 * present, not by `kind:`, so a workload is what its expansion made it (and a hand-built spec in a
 * test needs only the facts).
 */
export function kindsWithFacts(w: WorkloadSpec): { kind: KindDefinition<unknown>; facts: unknown }[] {
  // A loop, not flatMap: this runs several times per workload on every command, and flatMap made an
  // array for each of the kinds.
  const found: { kind: KindDefinition<unknown>; facts: unknown }[] = [];
  for (const kind of KINDS) {
    const facts = factsOf(w, kind.name);
    if (facts !== undefined) found.push({ kind, facts });
  }
  return found;
}

/** One kind's section of `pond info` (databases, notebooks): its JSON key, entries, and table. */
export interface KindSection {
  section: string;
  entries: unknown[];
  table: string[][];
}

/** Every registered kind's section, in registry order, present (maybe empty) for each kind that has one. Pure. */
export function kindSections(workloads: WorkloadSpec[], reveal: boolean): KindSection[] {
  return KINDS.flatMap((k) => {
    if (!k.info) return [];
    const info = k.info;
    const entries = workloads
      .filter((w) => factsOf(w, k.name) !== undefined)
      .map((w) => info.entry(w.name, factsOf(w, k.name), reveal));
    return [{ section: info.section, entries, table: [info.header, ...entries.map((e) => info.row(e))] }];
  });
}

/** The sections as `pond info --format json` and the API's info() key them: `{ databases: [...], notebooks: [...] }`. */
export function sectionEntries(sections: KindSection[]): Record<string, unknown[]> {
  return Object.fromEntries(sections.map((s) => [s.section, s.entries]));
}

/** The addresses the workload's kinds give for it (`mask` for passwords), undefined when none of its kinds has links. */
export function kindLinks(w: WorkloadSpec, mask: string): KindLink[] | undefined {
  const withLinks = kindsWithFacts(w).filter(({ kind }) => kind.links);
  return withLinks.length ? withLinks.flatMap(({ kind, facts }) => kind.links!(facts, mask)) : undefined;
}

/** What the workload's kinds tell the plan and apply about it (merged; a workload has one kind's facts in practice). */
export function kindLifecycle(w: WorkloadSpec): KindLifecycle {
  return Object.assign(
    {},
    ...kindsWithFacts(w).map(({ kind, facts }) => kind.lifecycle?.(facts) ?? {}),
  ) as KindLifecycle;
}

/** Env its kinds set for `pond exec` in the workload's container. */
export function kindExecEnv(w: WorkloadSpec): Record<string, string> {
  return Object.assign({}, ...kindsWithFacts(w).map(({ kind, facts }) => kind.execEnv?.(facts) ?? {})) as Record<
    string,
    string
  >;
}

/** How the workload's kinds show their facts in its display spec: the env they hide and the keys they add. */
export function kindDisplay(w: WorkloadSpec, digest: (secret: string) => string): KindDisplay {
  const parts = kindsWithFacts(w).flatMap(({ kind, facts }) => (kind.display ? [kind.display(facts, digest)] : []));
  return {
    hiddenEnv: parts.flatMap((p) => p.hiddenEnv),
    keys: Object.assign({}, ...parts.map((p) => p.keys)) as Record<string, unknown>,
  };
}

/** The backend capabilities the workload's kind keys ask for. */
export function kindNeeds(w: WorkloadSpec): KindNeed[] {
  return kindsWithFacts(w).flatMap(({ kind, facts }) => kind.needs?.(facts) ?? []);
}
