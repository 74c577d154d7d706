import type { RawWorkload } from '../model/raw.js';
import type { ResourceKey } from '../model/types.js';

export type RawResources = NonNullable<RawWorkload['resources']>;
export type { ResourceKey };

/**
 * A query's limits unless `resources:` says otherwise: what the seed runners pond replaced gave
 * DuckDB (4 GB, 2 CPUs). DuckDB sizes its buffer pool from the container's memory limit, so a
 * query spills to disk before it takes the host. CPUs above the engine host's count are lowered to
 * it when the container is created (engine/docker), so 2 works on a 1-CPU machine.
 */
export const QUERY_RESOURCES: RawResources = { memory: '4g', cpus: 2 };

/** A bot's memory unless `resources:` says otherwise (long-running and scheduled runs): the seed runners' 512 MB. */
export const BOT_RESOURCES: RawResources = { memory: '512m' };

/**
 * The kind's defaults under what the user wrote: each key the user sets wins, and `none` there
 * (memory: none, cpus: none) lifts that limit.
 */
export function withResourceDefaults(raw: RawWorkload, defaults: RawResources): RawResources {
  return { ...defaults, ...raw.resources };
}

/**
 * The resource keys an expansion filled in that the user did not write: shown as defaults by
 * `pond config`. Display only: never part of the container spec, so never of the config hash.
 */
export function defaultedResources(raw: RawWorkload, service: RawWorkload): ResourceKey[] {
  const written = raw.resources ?? {};
  return (Object.keys(service.resources ?? {}) as ResourceKey[]).filter((k) => written[k] === undefined).sort();
}
