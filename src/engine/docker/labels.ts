/**
 * Label keys this backend reads. desired/ owns the full label set; the engine only needs the ones
 * that decide ownership, and must agree with desired/ on their spelling.
 */
export const PROJECT_LABEL = 'dev.pond.project';
export const VOLUME_LABEL = 'dev.pond.volume';

/** The engine filter that selects everything one project owns. */
export function projectFilter(project: string): Record<string, string[]> {
  return { label: [`${PROJECT_LABEL}=${project}`] };
}
