import { ConfigError, EngineUnreachableError, UsageError } from '../../errors.js';
import { byStates, checkStates, quietLines } from '../ps-filter.js';
import type { WorkloadStats, Engine, ObservedWorkload, ObservedState } from '../../engine/types.js';
import type { Context } from '../context.js';
import type { Output } from '../output.js';
import { table } from '../output.js';
import { readHealState, type HealState } from '../../watch/heal-state.js';
import { psRows, psTable, statusRows, type PsRow } from '../status.js';
import { checkHealth, checkReadiness, type Readiness } from '../readiness.js';
import type { WorkloadSpec } from '../../model/types.js';
import { scheduledBots, withScheduled, type ScheduledBot } from '../../bots/schedule-view.js';

export interface PsFlags {
  format: 'text' | 'json';
  stats?: boolean;
  /** Container ids only, one a line (`docker ps -q`). */
  quiet?: boolean;
  /** Only containers in these states (repeatable `--status`). */
  status?: string[];
}

/**
 * `pond ps`: one snapshot of the project's containers; declared workloads not created show "missing".
 * With `--stats`, one resource sample per running container, all taken at once.
 */
export async function psCommand(ctx: Context, flags: PsFlags): Promise<number> {
  const states = checkStates(flags.status ?? []);
  if (flags.quiet && flags.format === 'json')
    throw new UsageError('-q and --format json ask for two different outputs', 'use one of them');
  const workloads = await declaredWorkloads(ctx);
  const declared = workloads.map((w) => w.name);
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  if (flags.quiet) {
    for (const id of quietLines(byStates(statusRows(await engine.observe(project)), states))) ctx.output.out(id);
    return 0;
  }
  const observed = await withDetails(engine, await engine.observe(project));
  const readyWhen = new Map(workloads.filter((w) => w.readyWhen).map((w) => [w.name, w.readyWhen!]));
  const health = new Map(workloads.filter((w) => w.health && !w.readyWhen).map((w) => [w.name, w.health!.probe]));
  const [samples, readiness, probed] = await Promise.all([
    flags.stats ? sample(engine, observed.workloads, ctx.output) : undefined,
    checkReadiness(engine, observed.workloads, readyWhen),
    checkHealth(engine, observed.workloads, health),
  ]);
  const now = new Date();
  const rows = byStates(
    withReadiness(
      withProbed(
        withHeal(
          psRows(withScheduled(statusRows(observed, declared), await scheduled(ctx, now)), now, samples),
          readHealState(ctx.lockDir(), project),
          now.getTime(),
        ),
        probed,
      ),
      readiness,
    ),
    states,
  );
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ project, workloads: rows }, null, 2));
  else if (!rows.length)
    ctx.output.err(
      states.length
        ? `project "${project}" has no ${states.join(' or ')} containers`
        : `project "${project}" has no containers`,
    );
  else ctx.output.out(table(psTable(rows, { stats: !!flags.stats })));
  return 0;
}

/** Workloads pond.yaml declares, to list the missing ones; a broken file only costs that column. */
async function declaredWorkloads(ctx: Context): Promise<WorkloadSpec[]> {
  if (!ctx.hasFiles()) return [];
  try {
    return (await ctx.project()).spec.workloads;
  } catch (e) {
    if (!(e instanceof ConfigError) || !ctx.options.projectName) throw e;
    ctx.output.err('warning: pond.yaml is invalid (pond validate shows why); listing what runs under -p');
    return [];
  }
}

/** pond's own verdict where the engine has none yet (see checkHealth). */
function withProbed(rows: PsRow[], probed: ReadonlyMap<string, string>): PsRow[] {
  return rows.map((r) => (probed.has(r.container) ? { ...r, health: probed.get(r.container)! } : r));
}

/** ready_when's state joins the health column (engine health, if any, first) and the JSON as `readiness`. */
function withReadiness(rows: PsRow[], readiness: ReadonlyMap<string, Readiness>): PsRow[] {
  return rows.map((r) => {
    const ready = readiness.get(r.container);
    return ready ? { ...r, health: r.health ? `${r.health}, ${ready}` : ready, readiness: ready } : r;
  });
}

/** Scheduled bots show their next fire time and last run instead of "missing". */
async function scheduled(ctx: Context, now: Date): Promise<ScheduledBot[]> {
  if (!ctx.hasFiles()) return [];
  return ctx.project().then(
    (p) => scheduledBots(p, now),
    () => [],
  );
}

/**
 * A `pond up --watch` running for this project restarts crashed workloads itself (the engine does not
 * count those), so its streaks are added to the restart count and a workload waiting out its backoff
 * says so: a crash loop is visible here.
 */
function withHeal(rows: PsRow[], heal: HealState, now: number): PsRow[] {
  return rows.map((r) => {
    const h = heal[r.workload];
    if (!h) return r;
    const wait = h.not_before - now;
    const waiting = wait > 0 && r.state !== 'running' ? `, crash loop: restart in ${Math.ceil(wait / 1000)}s` : '';
    return { ...r, state: `${r.state}${waiting}`, restarts: r.restarts + h.restarts, self_heal_restarts: h.restarts };
  });
}

/**
 * `observe` lists without inspecting, so it has neither start time nor restart count. ps is not a hot
 * path, so it inspects every container in parallel (raw client, a few ms each). A container removed
 * in between keeps its listed form.
 */
async function withDetails(engine: Engine, observed: ObservedState): Promise<ObservedState> {
  const containers = await Promise.all(observed.workloads.map((c) => engine.inspectWorkload(c.id).catch(() => c)));
  return { ...observed, workloads: containers };
}

/**
 * Samples every running container in parallel: each engine answer takes 1–2 s (it measures over an
 * interval), so the whole sweep costs about one. A failed sample is named on stderr and shows as "-";
 * only an unreachable engine fails the command.
 */
async function sample(
  engine: Engine,
  containers: ObservedWorkload[],
  output: Output,
): Promise<Map<string, WorkloadStats>> {
  const running = containers.filter((c) => c.state === 'running');
  const results = await Promise.all(
    running.map(
      async (c) => [c.name, await engine.stats(c.id).catch((err: unknown) => failed(err, c.name, output))] as const,
    ),
  );
  return new Map(results.filter((r): r is readonly [string, WorkloadStats] => r[1] !== undefined));
}

function failed(err: unknown, name: string, output: Output): undefined {
  if (err instanceof EngineUnreachableError) throw err;
  output.err(`warning: no stats for ${name}: ${err instanceof Error ? err.message : String(err)}`);
  return undefined;
}
