import { LABEL } from '../labels.js';
import type { ObservedWorkload } from '../engine/types.js';
import { byText } from '../canonical.js';

/** One pond project on the engine, as `pond ls` shows it. */
export interface ProjectSummary {
  name: string;
  /** The checkout folder(s) its containers name (`dev.pond.project-dir`); two when two checkouts share the name. */
  dirs: string[];
  /** "running(3), exited(1)". */
  status: string;
  /** Containers per engine state, every container counted (one-off runs too, as `docker ps -a` does). */
  states: Record<string, number>;
}

/**
 * "running(3), exited(1)", like `docker compose ls`: running first (what the reader looks for), then
 * the other states by name, so the text is the same for the same counts.
 */
export function stateSummary(states: Record<string, number>): string {
  const names = Object.keys(states).sort((a, b) => (a === 'running' ? -1 : b === 'running' ? 1 : byText(a, b)));
  return names.map((s) => `${s}(${states[s]})`).join(', ');
}

/** Containers grouped by their project label, projects sorted by name. */
export function summarizeProjects(containers: ObservedWorkload[]): ProjectSummary[] {
  const groups = new Map<string, ObservedWorkload[]>();
  for (const c of containers) {
    const name = c.labels[LABEL.project];
    if (name === undefined) continue;
    groups.set(name, [...(groups.get(name) ?? []), c]);
  }
  return [...groups.keys()].sort().map((name) => summarize(name, groups.get(name)!));
}

function summarize(name: string, containers: ObservedWorkload[]): ProjectSummary {
  const states: Record<string, number> = {};
  for (const c of containers) states[c.state] = (states[c.state] ?? 0) + 1;
  const dirs = [...new Set(containers.map((c) => c.labels[LABEL.dir]).filter((d): d is string => !!d))].sort();
  return { name, dirs, status: stateSummary(states), states };
}

/** NAME, STATUS, FOLDER: the folder last, as the only column of unbounded width. */
export function lsTable(projects: ProjectSummary[]): string[][] {
  return [['NAME', 'STATUS', 'FOLDER'], ...projects.map((p) => [p.name, p.status, p.dirs.join(', ') || '-'])];
}
