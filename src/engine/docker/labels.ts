import { LABEL } from '../../desired/labels.js';

/** The label keys this backend reads to decide ownership; spelled once, in desired/labels.ts. */
export const PROJECT_LABEL = LABEL.project;
export const VOLUME_LABEL = LABEL.volume;
export const WORKLOAD_LABEL = LABEL.workload;
export const CONFIG_HASH_LABEL = LABEL.configHash;

/** The engine filter that selects everything one project owns. */
export function projectFilter(project: string): Record<string, string[]> {
  return { label: [`${PROJECT_LABEL}=${project}`] };
}
