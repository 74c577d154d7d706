import { UsageError } from '../errors.js';

/** The states `pond ps --status` takes, docker's own names for a container's state. */
export const PS_STATES = ['running', 'exited', 'paused', 'restarting', 'created', 'dead'] as const;

/** Refuses a state docker has no name for, before anything is looked up. */
export function checkStates(states: string[]): string[] {
  const bad = states.filter((s) => !(PS_STATES as readonly string[]).includes(s));
  if (bad.length)
    throw new UsageError(
      `--status "${bad[0]}" is not a container state`,
      `use one of: ${PS_STATES.join(', ')} (repeat --status for several)`,
    );
  return states;
}

/**
 * The rows whose container is in one of `states` (all rows when none is given). The STATE cell
 * starts with the engine's state word ("exited (137, OOM-killed)"), so that word is what is matched;
 * a declared workload without a container ("missing") is in no state. Pure.
 */
export function byStates<R extends { state: string }>(rows: R[], states: string[]): R[] {
  if (!states.length) return rows;
  return rows.filter((r) => states.includes(/^[a-z]+/.exec(r.state)?.[0] ?? ''));
}

/** `ps -q`: one container id per line, as `docker ps -q` prints them (rows without a container left out). Pure. */
export function quietLines(rows: { id: string }[]): string[] {
  return rows.filter((r) => r.id).map((r) => r.id);
}
