import type { ObservedWorkload } from '../../engine/types.js';
import type { WorkloadState } from '../types.js';

/** Exit codes of a process stopped by a signal pond or the user sent (SIGTERM, SIGKILL): a stop, not a failure. */
const STOPPED = new Set([0, 130, 137, 143]);

/**
 * The one word the page shows for a container: its health while it runs with a check, and for a
 * stopped one whether it finished (exit 0), was stopped, or failed (another code, an OOM kill).
 */
export function workloadState(c: ObservedWorkload): WorkloadState {
  if (c.state === 'running') return c.health ?? 'running';
  if (c.state === 'created' || c.state === 'restarting') return c.state;
  if (c.state === 'dead' || c.oomKilled) return 'failed';
  if (c.state !== 'exited') return 'exited';
  if (c.exitCode === 0) return 'completed';
  return STOPPED.has(c.exitCode ?? 0) ? 'exited' : 'failed';
}
