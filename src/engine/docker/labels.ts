import { LABEL } from '../../labels.js';

/** The label keys this backend reads to decide ownership; spelled once, in src/labels.ts. */
export const PROJECT_LABEL = LABEL.project;
export const IDENTITY_LABEL = LABEL.identity;
export const VOLUME_LABEL = LABEL.volume;
export const WORKLOAD_LABEL = LABEL.workload;
export const CONFIG_HASH_LABEL = LABEL.configHash;

/** The engine filter that selects everything one project owns. */
export function projectFilter(project: string): Record<string, string[]> {
  return { label: [`${PROJECT_LABEL}=${project}`] };
}

/**
 * Whether an existing object's labels make it this project's: the project label matches, and so does
 * the checkout identity when both carry one (objects made before identities existed carry none).
 */
export function sameOwner(actual: Record<string, string> | null | undefined, wanted: Record<string, string>): boolean {
  if (!actual || actual[PROJECT_LABEL] === undefined || actual[PROJECT_LABEL] !== wanted[PROJECT_LABEL]) return false;
  const a = actual[IDENTITY_LABEL];
  const w = wanted[IDENTITY_LABEL];
  return a === undefined || w === undefined || a === w;
}
