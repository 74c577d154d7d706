import { EngineError } from '../../errors.js';
import { describeExit, type ExitFacts } from '../describe-exit.js';
import type { Connection } from './connection.js';
import { waitExit } from './containers.js';
import { classify } from './errors.js';
import { hasExited, inspectRaw, type RawInspect } from './inspect.js';
import { logs } from './logs.js';
import { WORKLOAD_LABEL } from './labels.js';

/** How many exits while pond waits make a crash loop: enough to see the engine's restarts are not helping. */
export const CRASH_EXITS = 3;
const TAIL_LINES = 10;

/** One exit, as seen the moment after it: its code, the OOM verdict, and whether the engine restarts it. */
export interface SeenExit extends ExitFacts {
  /** Stopped for good (no restart follows). */
  final: boolean;
  /** The engine's restart count just after the exit: it counts this exit already when a restart follows. */
  restarts: number;
}

/** Resolves at the container's next exit (at once when it is not running: stopped for good, or never started). */
export async function nextExit(conn: Connection, id: string, signal?: AbortSignal): Promise<SeenExit> {
  const code = await waitExit(conn, id, signal);
  const raw = await inspect(conn, id);
  const final = !['running', 'restarting', 'paused'].includes(raw.State.Status);
  return { ...exitFacts(raw), code, final, restarts: raw.RestartCount };
}

/**
 * Rejects with an EngineError once the container has stopped for good or exited `CRASH_EXITS` times,
 * each engine restart notwithstanding; it never resolves. `when` ends the message ("before it was ready").
 */
export async function failOnCrash(conn: Connection, id: string, when: string, signal: AbortSignal): Promise<never> {
  for (let exits = 1; ; exits++) {
    const exit = await nextExit(conn, id, signal);
    if (exit.final) throw await exitError(conn, id, `exited with ${describeExit(exit)} ${when}`);
    if (exits >= CRASH_EXITS)
      throw await exitError(conn, id, `keeps crashing: exited ${exits} times ${when}, last with ${describeExit(exit)}`);
  }
}

/** What inspect says about the last exit; the code only while it is not running again. */
export function exitFacts(raw: RawInspect): ExitFacts {
  const stopped = hasExited(raw) || raw.State.Status === 'restarting';
  return {
    ...(stopped && { code: raw.State.ExitCode }),
    oomKilled: !!raw.State.OOMKilled,
    ...(raw.HostConfig.Memory ? { memoryLimitBytes: raw.HostConfig.Memory } : {}),
  };
}

/** A container stopped (or keeps stopping) when pond needed it up: the verdict, not an engine hiccup. */
export class ExitedError extends EngineError {}

/** "container NAME <what>", with its last output lines as the hint. */
export async function exitError(conn: Connection, id: string, what: string): Promise<ExitedError> {
  const name = await workloadName(conn, id);
  return new ExitedError(`container ${name} ${what}`, undefined, await lastOutput(conn, id, name));
}

/** The last lines a container printed (across its restarts), as a hint; never throws. */
export async function lastOutput(conn: Connection, id: string, name: string): Promise<string> {
  const tail: string[] = [];
  try {
    for await (const line of logs(conn, id, { follow: false, tail: TAIL_LINES, timestamps: false }))
      tail.push(line.text);
  } catch {
    return `the logs of ${name} could not be read`;
  }
  return tail.length ? `last output of ${name}:\n${tail.join('\n')}` : `${name} printed nothing`;
}

async function workloadName(conn: Connection, id: string): Promise<string> {
  const raw = await inspectRaw(conn, id).catch(() => undefined);
  return raw?.Config.Labels?.[WORKLOAD_LABEL] ?? raw?.Name.replace(/^\//, '') ?? id.slice(0, 12);
}

async function inspect(conn: Connection, id: string): Promise<RawInspect> {
  try {
    return await inspectRaw(conn, id);
  } catch (err) {
    throw classify(err, conn.endpoint, `inspect container ${id}`);
  }
}
