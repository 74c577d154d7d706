import { setTimeout as sleep } from 'node:timers/promises';
import { LABEL } from '../labels.js';
import type { Engine, LogLine, ObservedWorkload } from '../engine/types.js';

export interface FollowOptions {
  project: string;
  workload: string;
  /** Lines before this instant (epoch seconds) were already printed. */
  since: number;
  until?: number;
  signal: AbortSignal;
  /** How often to look for the next container while the workload has none running. */
  pollMs?: number;
}

/**
 * Follows one workload rather than one container: when its container stops, a container of the
 * workload that runs again (the replacement `pond up` made, a restart, a rolled-back original) is
 * followed too. It waits while one is only created or restarting (a replace stops the old
 * container before it starts the new one), and ends once none is running or about to.
 */
export async function followWorkload(
  engine: Engine,
  opts: FollowOptions,
  print: (line: LogLine) => void,
): Promise<void> {
  const ended = new Map<string, number>();
  let last: string | undefined;
  while (!opts.signal.aborted) {
    const run = await nextRun(engine, opts, last);
    if (!run) return;
    // A container followed before resumes where its stream ended; any other printed nothing after
    // `since` that was shown (its first line can be stamped before its StartedAt, so that is no bound).
    const since = ended.get(run.id) ?? opts.since;
    for await (const line of engine.logs(run.id, {
      follow: true,
      timestamps: true,
      since,
      until: opts.until,
      signal: opts.signal,
    }))
      print(line);
    ended.set(run.id, Date.now() / 1000);
    last = run.id;
    if (opts.until !== undefined && opts.until <= Date.now() / 1000) return;
    await pause(opts.pollMs ?? 250, opts.signal);
  }
}

/** The workload's running container, another one than `last` if there is one; undefined when none runs or is about to. */
async function nextRun(
  engine: Engine,
  opts: FollowOptions,
  last: string | undefined,
): Promise<ObservedWorkload | undefined> {
  while (!opts.signal.aborted) {
    const mine = (await engine.observe(opts.project)).workloads.filter(
      (c) => c.labels[LABEL.workload] === opts.workload,
    );
    const running = mine.filter((c) => c.state === 'running');
    if (running.length) return running.find((c) => c.id !== last) ?? running[0];
    if (!mine.some((c) => c.state === 'created' || c.state === 'restarting')) return undefined;
    await pause(opts.pollMs ?? 250, opts.signal);
  }
  return undefined;
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
