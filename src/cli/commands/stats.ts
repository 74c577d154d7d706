import type { Engine } from '../../engine/types.js';
import { EngineUnreachableError } from '../../errors.js';
import type { Context } from '../context.js';
import { table } from '../output.js';
import { pick, standing, type WorkloadContainer } from '../select.js';
import { whileStoppable } from '../signals.js';
import { statsRow, statsTable, type StatsSample } from '../stats-table.js';

export interface StatsFlags {
  format: 'text' | 'json';
  /** One sample, then exit (`--no-stream`). */
  noStream?: boolean;
}

const EVERY_MS = 1_000;
const CLEAR = '\x1b[2J\x1b[H';

/**
 * `pond stats [WORKLOAD...]`: resource use like `docker stats`. Streams until a stop signal: on a
 * terminal the table is redrawn in place; elsewhere each sample is printed in turn (one JSON document
 * a line with `--format json`), so a CI log reads as a series. Names are checked once, up front.
 */
export async function statsCommand(ctx: Context, workloads: string[], flags: StatsFlags): Promise<number> {
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const first = pick(standing((await engine.observe(project)).workloads), workloads, project);
  if (flags.noStream) {
    const samples = await sampleAll(engine, first);
    ctx.output.out(
      flags.format === 'json'
        ? JSON.stringify({ project, workloads: samples.map(statsRow) }, null, 2)
        : table(statsTable(samples)),
    );
    return 0;
  }
  const redraw = flags.format === 'text' && !!process.stdout.isTTY;
  const show = (samples: StatsSample[]): void => {
    if (flags.format === 'json') return ctx.output.out(JSON.stringify({ project, workloads: samples.map(statsRow) }));
    ctx.output.out(redraw ? CLEAR + table(statsTable(samples)) : table(statsTable(samples)));
  };
  const stream = streamSamples(() => current(engine, project, workloads), first, engine, show);
  await whileStoppable(
    () => stream.stop(),
    () => stream.done,
  );
  return 0;
}

/**
 * One sample starts every second, whether or not the previous one has answered (each takes 1–2 s),
 * so the table changes about once a second, as `docker stats` does. A sample older than the one
 * shown is dropped. `done` resolves at `stop()` and rejects with the first failure (an unreachable engine).
 */
function streamSamples(
  choose: () => Promise<WorkloadContainer[]>,
  first: WorkloadContainer[],
  engine: Engine,
  show: (s: StatsSample[]) => void,
): { stop: () => void; done: Promise<void> } {
  let stopped = false;
  let shown = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish!: (err?: unknown) => void;
  const done = new Promise<void>(
    (resolve, reject) =>
      (finish = (err) => (clearTimeout(timer), (stopped = true), err === undefined ? resolve() : reject(err))),
  );
  const tick = (n: number, chosen: Promise<WorkloadContainer[]>): void => {
    chosen
      .then((c) => sampleAll(engine, c))
      .then(
        (samples) => {
          if (stopped || n < shown) return;
          shown = n;
          show(samples);
        },
        (err: unknown) => finish(err),
      );
    if (!stopped) timer = setTimeout(() => tick(n + 1, choose()), EVERY_MS);
  };
  tick(1, Promise.resolve(first));
  return { stop: () => finish(), done };
}

/** The workloads to show now: containers come and go while streaming, so a vanished one just drops out. */
async function current(engine: Engine, project: string, workloads: string[]): Promise<WorkloadContainer[]> {
  const all = standing((await engine.observe(project)).workloads);
  return workloads.length ? all.filter((w) => workloads.includes(w.workload)) : all;
}

/** Every running container sampled at once (each answer takes 1–2 s); a failed sample shows as not running. */
function sampleAll(engine: Engine, chosen: WorkloadContainer[]): Promise<StatsSample[]> {
  return Promise.all(
    chosen.map(async ({ workload, container: c }) => {
      const base = { workload, container: c.name, state: c.state };
      if (c.state !== 'running') return base;
      const stats = await engine.stats(c.id).catch((err: unknown) => {
        if (err instanceof EngineUnreachableError) throw err;
        return undefined;
      });
      return stats ? { ...base, stats } : base;
    }),
  );
}
