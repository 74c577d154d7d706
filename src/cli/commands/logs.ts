import { LABEL } from '../../labels.js';
import type { Engine, ObservedWorkload } from '../../engine/types.js';
import { UsageError } from '../../errors.js';
import { readSaved, savedWorkloads } from '../../logs/saved.js';
import type { Context } from '../context.js';
import { formatEntry, interleave, tailSaved, type LineFormat, type LogEntry } from '../log-view.js';
import { logTimeFlag, withinTimes } from '../log-time.js';
import { followWorkload } from '../../logs/follow.js';
import { whileStoppable } from '../signals.js';
import { byText } from '../../canonical.js';

export interface LogsFlags {
  follow?: boolean;
  tail?: number;
  timestamps?: boolean;
  since?: string;
  until?: string;
  /** commander's --no-log-prefix: false when given. */
  logPrefix?: boolean;
}

interface Source {
  workload: string;
  slot: number;
  containers: ObservedWorkload[];
}

/**
 * `pond logs [WORKLOAD...]`: the lines saved from each workload's previous container (a replace or
 * down removed it) and its current container's, interleaved by time and prefixed "name | ". With
 * `--follow`, new lines stream in as they come, across a replace (cli/follow.ts), until Ctrl-C, until
 * stdout's reader goes away, or until no selected workload runs any more.
 */
export async function logsCommand(ctx: Context, workloads: string[], flags: LogsFlags): Promise<number> {
  const now = Date.now();
  const since = flags.since === undefined ? undefined : logTimeFlag('--since', flags.since, now);
  const until = flags.until === undefined ? undefined : logTimeFlag('--until', flags.until, now);
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const dir = ctx.projectDir();
  const sources = select(await engine.observe(project), workloads, dir ? savedWorkloads(dir) : [], project);
  const fmt: LineFormat = {
    timestamps: !!flags.timestamps,
    color: !!ctx.output.outColor,
    ...(flags.logPrefix !== false && { width: labelWidth(sources, dir) }),
  };
  const print = (e: LogEntry): void => ctx.output.out(formatEntry(e, fmt));
  const cut = Date.now() / 1000;
  const backlog = await Promise.all(
    sources.map((s) =>
      sourceLines(engine, s, dir, {
        tail: flags.tail,
        since,
        until: flags.follow ? Math.min(until ?? cut, cut) : until,
      }),
    ),
  );
  for (const e of interleave(backlog.flat())) print(e);
  if (!flags.follow || (until !== undefined && until <= cut)) return 0;
  const abort = new AbortController();
  ctx.output.closed?.addEventListener('abort', () => abort.abort());
  if (ctx.output.closed?.aborted) return 0;
  await whileStoppable(
    () => abort.abort(),
    () =>
      Promise.all(
        sources.map((s) =>
          followWorkload(
            engine,
            { project, workload: s.workload, since: Math.max(since ?? cut, cut), until, signal: abort.signal },
            (line) => print({ label: s.workload, slot: s.slot, time: line.time ?? '', text: line.text }),
          ),
        ),
      ),
  );
  return 0;
}

/** The workloads asked for (all with a container when none is named); an unknown one is a usage error. */
function select(
  observed: { workloads: ObservedWorkload[] },
  asked: string[],
  saved: string[],
  project: string,
): Source[] {
  const containers = [...observed.workloads].sort((a, b) => byText(a.name, b.name));
  const workloadOf = (c: ObservedWorkload): string => c.labels[LABEL.workload] ?? c.name;
  const running = [...new Set(containers.map(workloadOf))];
  const unknown = asked.filter((w) => !running.includes(w) && !saved.includes(w));
  if (unknown.length)
    throw new UsageError(
      `no container for workload ${unknown.map((u) => `"${u}"`).join(', ')} in project "${project}"`,
      running.length ? `workloads with a container: ${running.join(', ')}` : 'run pond up first',
    );
  const names = asked.length ? [...new Set(asked)] : running;
  return names.map((workload, slot) => ({
    workload,
    slot,
    containers: containers.filter((c) => workloadOf(c) === workload),
  }));
}

function labelWidth(sources: Source[], dir: string | undefined): number {
  const labels = sources.flatMap((s) => [
    s.workload,
    ...(dir && readSaved(dir, s.workload).length ? [previous(s.workload)] : []),
  ]);
  return Math.max(1, ...labels.map((l) => l.length));
}

const previous = (workload: string): string => `${workload} (previous)`;

/** One workload's lines so far: the saved ones first (cut by the same --since/--until/--tail), then its containers'. */
async function sourceLines(
  engine: Engine,
  s: Source,
  dir: string | undefined,
  opts: { tail?: number; since?: number; until?: number },
): Promise<LogEntry[][]> {
  const current = await Promise.all(
    s.containers.map(async (c) => {
      const lines: LogEntry[] = [];
      for await (const line of engine.logs(c.id, {
        follow: false,
        timestamps: true,
        tail: opts.tail,
        since: opts.since,
        until: opts.until,
      })) {
        lines.push({ label: s.workload, slot: s.slot, time: line.time ?? '', text: line.text });
      }
      return lines;
    }),
  );
  const saved = dir ? readSaved(dir, s.workload).filter((l) => withinTimes(l.time, opts.since, opts.until)) : [];
  const count = Math.max(0, ...current.map((c) => c.length));
  const kept = tailSaved(saved, count, opts.tail).map((l) => ({
    label: previous(s.workload),
    slot: s.slot,
    time: l.time,
    text: l.text,
  }));
  return [kept, ...current];
}
