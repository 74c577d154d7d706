import { LABEL } from '../labels.js';
import type { ObservedWorkload } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { byText } from '../canonical.js';

/** A workload's standing container, by its `dev.pond.workload` label. */
export interface WorkloadContainer {
  workload: string;
  container: ObservedWorkload;
}

/**
 * The project's standing containers by workload, sorted by name. One-off runs (a scheduled bot's run,
 * an ad hoc query: they carry `dev.pond.run`) come and go, so the per-workload commands leave them out.
 */
export function standing(containers: ObservedWorkload[]): WorkloadContainer[] {
  return containers
    .filter((c) => c.labels[LABEL.run] === undefined && c.labels[LABEL.workload] !== undefined)
    .map((c) => ({ workload: c.labels[LABEL.workload]!, container: c }))
    .sort((a, b) => byText(a.workload, b.workload));
}

/** The named workloads' containers (every one when `names` is empty); an unknown name is a UsageError naming what exists. */
export function pick(all: WorkloadContainer[], names: string[], project: string): WorkloadContainer[] {
  if (!names.length) return all;
  const unknown = names.filter((n) => !all.some((w) => w.workload === n));
  if (unknown.length) throw noContainer(unknown, all, project);
  return all.filter((w) => names.includes(w.workload));
}

/** One workload's container, which must be running (`top`, `port`). */
export function pickRunning(all: WorkloadContainer[], name: string, project: string): WorkloadContainer {
  const [found] = pick(all, [name], project);
  if (found!.container.state !== 'running') {
    throw new UsageError(
      `workload "${name}" is not running (its container is ${found!.container.state})`,
      `start it with: pond up; pond ps shows why it stopped`,
    );
  }
  return found!;
}

function noContainer(unknown: string[], all: WorkloadContainer[], project: string): UsageError {
  const known = all.map((w) => w.workload);
  return new UsageError(
    `no container for workload ${unknown.map((u) => `"${u}"`).join(', ')} in project "${project}"`,
    known.length ? `workloads with a container: ${known.join(', ')}` : 'run pond up first',
  );
}
