import type { RawWorkload } from '../../model/raw.js';
import type { KindContext } from '../context.js';

/** What the rest of pond (info, ps, up's summary) learns about a notebook workload. */
export interface NotebookFacts {
  placeholder?: never;
}

export interface NotebookExpansion {
  /** The same workload written as a service: what the rest of the pipeline sees. */
  service: RawWorkload;
  facts: NotebookFacts;
  /** Named volumes this workload needs declared. */
  volumes?: string[];
}

/** `kind: notebook` → a service, as pure data. Not built yet. */
export function expandNotebook(_name: string, _raw: RawWorkload, ctx: KindContext): NotebookExpansion | undefined {
  ctx.report.error([...ctx.at, 'kind'], 'kind-not-implemented', 'kind "notebook" is not implemented yet', 'write this one as a service for now');
  return undefined;
}
