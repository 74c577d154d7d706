import type { RawWorkload } from '../../model/raw.js';
import type { KindContext } from '../context.js';

/** What the rest of pond (info, ps, up's summary) learns about a bot workload. */
export interface BotFacts {
  placeholder?: never;
}

export interface BotExpansion {
  /** The same workload written as a service: what the rest of the pipeline sees. */
  service: RawWorkload;
  facts: BotFacts;
  /** Named volumes this workload needs declared. */
  volumes?: string[];
}

/** `kind: bot` → a service, as pure data. Not built yet. */
export function expandBot(_name: string, _raw: RawWorkload, ctx: KindContext): BotExpansion | undefined {
  ctx.report.error([...ctx.at, 'kind'], 'kind-not-implemented', 'kind "bot" is not implemented yet', 'write this one as a service for now');
  return undefined;
}
