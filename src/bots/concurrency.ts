import type { Concurrency } from '../workloads/bot/expand.js';

/** What to do when a run is due: start it, skip it, or stop the running ones and then start it. */
export type Decision = { action: 'start' } | { action: 'skip'; reason: string } | { action: 'replace'; stop: string[] };

/**
 * The k8s CronJob policies, as a pure function of the runs still going: forbid skips while one runs,
 * allow starts another beside them, replace stops them first.
 */
export function decide(policy: Concurrency, running: string[]): Decision {
  if (!running.length || policy === 'allow') return { action: 'start' };
  if (policy === 'forbid') return { action: 'skip', reason: `run ${running[running.length - 1]} is still going (concurrency: forbid)` };
  return { action: 'replace', stop: [...running] };
}
