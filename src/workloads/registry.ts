import { bot } from './bot/index.js';
import { database } from './database/index.js';
import type { WorkloadSpec } from '../model/types.js';
import type { KindDefinition } from './kind.js';
import { notebook } from './notebook/index.js';
import { query } from './query/index.js';
import { service } from './service/index.js';

/**
 * Every kind pond knows, in the order the schema lists them. A new kind is a folder exporting its
 * KindDefinition and one line here (then `npm run schema`). The first is the default kind.
 */
export const KINDS: readonly KindDefinition<unknown>[] = [service, database, notebook, query, bot];

/** The kind a workload without `kind:` is. */
export const DEFAULT_KIND = KINDS[0]!.name;

/** The definition of a kind the schema accepted. */
export function kindOf(name: string | undefined): KindDefinition<unknown> {
  const found = KINDS.find((k) => k.name === (name ?? DEFAULT_KIND));
  if (!found)
    throw new Error(
      `no kind "${name}" in the registry (the schema is older than src/workloads/registry.ts: run npm run schema)`,
    );
  return found;
}

/** The facts kind `kind` set on a workload (under the kind's name), if any; by default its own kind's. */
export function factsOf(w: WorkloadSpec, kind = w.kind): unknown {
  return (w as unknown as Record<string, unknown>)[kind];
}
