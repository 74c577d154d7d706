import type { RawWorkload } from '../../model/raw.js';
import type { KindContext } from '../context.js';

/** What the rest of pond (info, ps, up's summary) learns about a query workload. */
export interface QueryFacts {
  placeholder?: never;
}

export interface QueryExpansion {
  /** The same workload written as a service: what the rest of the pipeline sees. */
  service: RawWorkload;
  facts: QueryFacts;
  /** Named volumes this workload needs declared. */
  volumes?: string[];
}

/** `kind: query` → a service, as pure data. Not built yet. */
export function expandQuery(_name: string, _raw: RawWorkload, ctx: KindContext): QueryExpansion | undefined {
  ctx.report.error([...ctx.at, 'kind'], 'kind-not-implemented', 'kind "query" is not implemented yet', 'write this one as a service for now');
  return undefined;
}
