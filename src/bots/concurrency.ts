import { LABEL } from '../labels.js';
import type { InstanceState, ObservedState } from '../engine/types.js';
import type { Concurrency } from '../workloads/bot/expand.js';

/** What to do when a run is due: start it, skip it, or stop the running ones and then start it. */
export type Decision = { action: 'start' } | { action: 'skip'; reason: string } | { action: 'replace'; stop: string[] };

/**
 * The k8s CronJob policies, as a pure function of the runs still going: forbid skips while one runs,
 * allow starts another beside them, replace stops them first.
 */
export function decide(policy: Concurrency, running: string[]): Decision {
  if (!running.length || policy === 'allow') return { action: 'start' };
  if (policy === 'forbid')
    return { action: 'skip', reason: `run ${running[running.length - 1]} is still going (concurrency: forbid)` };
  return { action: 'replace', stop: [...running] };
}

/** A run of a bot the engine shows in progress, whoever started it (watch's scheduler, another `pond run`). */
export interface LiveRun {
  id: string;
  container: string;
}

const IN_PROGRESS: ReadonlySet<InstanceState> = new Set(['created', 'running', 'restarting', 'paused']);

/** The bot's runs still in progress on the engine, oldest first (run ids sort by start time). Pure. */
export function liveRuns(observed: ObservedState, bot: string): LiveRun[] {
  return observed.workloads
    .filter((c) => c.labels[LABEL.workload] === bot && c.labels[LABEL.run] !== undefined && IN_PROGRESS.has(c.state))
    .map((c) => ({ id: c.labels[LABEL.run]!, container: c.id }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
