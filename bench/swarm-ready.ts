/**
 * What the bench knows of one Swarm task. A task whose container has a health check stays "starting"
 * until the check passes, so "running" means running and healthy.
 */
export interface TaskView {
  id: string;
  workload: string;
  desired: string;
  state: string;
  env: string[];
}

/** What "done" means for each workload: a long-running one with the given env entry, or a one-shot. */
export interface Want {
  running: { workload: string; env?: string }[];
  completed: string[];
}

/**
 * True when every long-running workload has a running task and every task still meant to run has the
 * wanted env (an update has rolled), and every one-shot has a task that completed.
 */
export function allReady(tasks: TaskView[], want: Want): boolean {
  const rolled = want.running.every(({ workload, env }) => {
    const live = tasks.filter((t) => t.workload === workload && t.desired === 'running');
    if (!live.some((t) => t.state === 'running')) return false;
    return env === undefined || live.every((t) => t.state === 'running' && t.env.includes(env));
  });
  return rolled && want.completed.every((w) => tasks.some((t) => t.workload === w && t.state === 'complete'));
}

/**
 * How many tasks a workload has had: 1 when a one-shot ran once, more when the swarm restarted it.
 * `tasks` may hold the same task seen in several polls (the swarm keeps only the last few).
 */
export function attempts(tasks: TaskView[], workload: string): number {
  return new Set(tasks.filter((t) => t.workload === workload).map((t) => t.id)).size;
}
