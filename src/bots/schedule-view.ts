import type { Project } from '../pipeline.js';
import { nextFires } from '../workloads/bot/schedule.js';
import { listRecords, type RunRecord } from './store.js';

/** What plan, up and ps say about one scheduled bot. Keys are snake_case: they are JSON too. */
export interface ScheduledBot {
  workload: string;
  schedule: string;
  concurrency: string;
  /** The next three fire times, ISO. */
  next: string[];
  last_run?: Pick<RunRecord, 'id' | 'trigger' | 'started' | 'finished' | 'exit_code'>;
  /** Why `pond up` would run it now; absent when it would not. */
  run_on_up?: string;
}

/**
 * One row per scheduled bot: its next fire times after `now`, its newest run, and whether `up` runs
 * it (only when its spec hash differs from that of its newest run, or it never ran, and run_on_up).
 */
export function scheduledBots(project: Project, now: Date): ScheduledBot[] {
  return project.scheduled.map((c) => {
    const facts = project.spec.workloads.find((w) => w.name === c.workload)!.bot!;
    const last = listRecords(project.spec.dir, c.workload)[0];
    const why = !last ? 'it never ran' : last.hash !== c.hash ? `its spec changed since run ${last.id}` : undefined;
    return {
      workload: c.workload,
      schedule: facts.schedule!,
      concurrency: facts.concurrency,
      next: nextFires(facts.schedule!, now, 3).map((d) => d.toISOString()),
      ...(last && {
        last_run: {
          id: last.id,
          trigger: last.trigger,
          started: last.started,
          ...(last.finished && { finished: last.finished }),
          ...(last.exit_code !== undefined && { exit_code: last.exit_code }),
        },
      }),
      ...(facts.runOnUp && why && { run_on_up: why }),
    };
  });
}

/** The plan's text section: schedule, next fire times, and what up will run. */
export function scheduleLines(bots: ScheduledBot[]): string[] {
  if (!bots.length) return [];
  const lines = ['Scheduled bots (no long-running container; pond up --watch fires them):'];
  for (const b of bots) {
    lines.push(`  ${b.workload}  "${b.schedule}"  next: ${b.next.map(short).join(', ')}`);
    if (b.run_on_up) lines.push(`    pond up runs it once now: ${b.run_on_up}`);
  }
  return lines;
}

/** "2025-01-02 03:04:05" in UTC: the plan stays byte-identical across machines' locales. */
export function short(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** The ps state of a scheduled bot with no run going. */
export function scheduledState(b: ScheduledBot): string {
  const last = b.last_run
    ? b.last_run.finished
      ? `last exit ${b.last_run.exit_code ?? '?'}`
      : 'running'
    : 'never ran';
  return `scheduled (next ${short(b.next[0] ?? '')}, ${last})`;
}

/** Status rows (ps, up's table): a scheduled bot between runs is "scheduled", not "missing". */
export function withScheduled<R extends { workload: string; state: string; kind: string }>(
  rows: R[],
  bots: ScheduledBot[],
): R[] {
  return rows.map((r) => {
    const b = bots.find((x) => x.workload === r.workload);
    return b && r.state === 'missing'
      ? {
          ...r,
          kind: 'bot',
          state: scheduledState(b),
          next_run: b.next[0],
          ...(b.last_run && { last_run: b.last_run }),
        }
      : r;
  });
}
