import { acquireLock, tryLock, type Lock } from '../../lock/lock.js';
import type { Project } from '../../pipeline.js';
import { planToJson, renderPlan, hasChanges } from '../../plan/render.js';
import type { Plan } from '../../plan/types.js';
import { confirm } from '../confirm.js';
import type { Context } from '../context.js';
import { applyExitCode, failUnlessOk, runApply } from '../run-apply.js';
import { statusRows, statusTable } from '../status.js';
import { note, table } from '../output.js';
import { urlLines } from '../urls.js';
import { buildWhileObserving, makePlan, targetsOf } from './plan.js';
import { UsageError } from '../../errors.js';
import { createdSpecs, refuseUnfitEngine } from '../engine-fit.js';
import { upRunner } from '../../bots/on-up.js';
import { scheduleLines, scheduledBots, withScheduled } from '../../bots/schedule-view.js';
import { prepareProjectFiles } from '../../session/prepare-files.js';

export interface UpFlags {
  format: 'text' | 'json';
  forceRecreate?: boolean;
  noRecreate?: boolean;
  removeOrphans?: boolean;
  wait: boolean;
  waitTimeoutMs: number;
  lockTimeoutMs: number;
  concurrency: number;
  /** Apply steps that delete persistent data without asking. */
  yes?: boolean;
  /** `pond up a b`: only these workloads and (unless noDeps) what they depend on. */
  workloads?: string[];
  noDeps?: boolean;
  /** Print the status table and URLs on stdout (default); `pond run` turns it off so stdout is its command's. */
  summary?: boolean;
}

/**
 * `pond up`: lock, plan, apply in parallel, then show what runs. With nothing to do it says
 * "No changes" and makes no mutating engine call.
 */
export async function upCommand(ctx: Context, flags: UpFlags): Promise<number> {
  const { project, lock } = await lockedProject(ctx, flags.lockTimeoutMs);
  try {
    const { plan, observed } = await makePlan(ctx, project, flags, flags.wait);
    const engine = await ctx.openEngine();
    note(ctx.output, renderPlan(plan, { color: ctx.output.color }).trimEnd());
    await refuseDataLoss(ctx, plan, !!flags.yes);
    await refuseUnfitEngine(engine, createdSpecs(project.desired.containers, plan));
    prepareProjectFiles(project);
    const targets = targetsOf(project, flags);
    const chosen = (w: string): boolean => !targets || targets.includes(w);
    const bots = scheduledBots(project, new Date()).filter((b) => chosen(b.workload));
    if (bots.length) note(ctx.output, scheduleLines(bots).join('\n'));
    const { runBot, runs } = upRunner(engine, project, (line) => ctx.output.log(line));
    const result = hasChanges(plan)
      ? await runApply(ctx.output, plan, engine, { ...flags, projectDir: project.spec.dir, runBot })
      : undefined;
    const after = result ? await engine.observe(project.spec.name) : observed;
    const rows = withScheduled(
      statusRows(after, project.spec.workloads.map((w) => w.name).filter(chosen)),
      scheduledBots(project, new Date()).filter((b) => chosen(b.workload)),
    );
    for (const r of result?.results ?? []) {
      const row = rows.find((x) => x.workload === r.step.name);
      if (row && r.status === 'done' && r.step.reach.includes('healthy')) row.health = 'healthy';
    }
    if (flags.format === 'json') {
      const steps =
        result?.results.map((r) => ({
          id: r.step.id,
          status: r.status,
          ms: r.ms,
          ...(r.error && { error: r.error.message }),
          ...(r.reason && { reason: r.reason }),
        })) ?? [];
      ctx.output.out(
        JSON.stringify(
          {
            plan: planToJson(plan),
            steps,
            workloads: rows,
            ...(runs.length && {
              runs: runs.map((r) => ({ bot: r.bot, ...r.record, ...(r.error && { error: r.error }) })),
            }),
            exit_code: applyExitCode(result),
          },
          null,
          2,
        ),
      );
    } else if (flags.summary !== false && ctx.output.progress !== 'quiet') {
      ctx.output.out(table(statusTable(rows)));
      for (const line of urlLines(project.spec.workloads, rows, engine.capabilities.localPorts)) ctx.output.out(line);
    }
    failUnlessOk(result);
    return 0;
  } finally {
    await lock.release();
  }
}

/**
 * The project, loaded, and its lock, held. The snapshot is taken only under the lock. When the
 * project's name can be guessed from the files and its lock is free at once, the lock is taken
 * first, so the snapshot is asked for while pond.yaml is read; a wrong guess gives that lock back
 * and its snapshot goes unused. A held lock is waited for only after the files load, as without a
 * guess, so a broken pond.yaml is reported at once even while another pond applies.
 */
async function lockedProject(ctx: Context, timeoutMs: number): Promise<{ project: Project; lock: Lock }> {
  const guess = ctx.prefetch({ snapshot: false });
  let early = guess ? tryLockQuietly(ctx.lockDir(), guess) : undefined;
  if (early) ctx.observeEarly();
  let project: Project;
  try {
    project = await ctx.project();
  } catch (e) {
    await early?.release();
    throw e;
  }
  if (early && project.spec.name !== guess) {
    await early.release();
    early = undefined;
  }
  if (early) buildWhileObserving(project, guess);
  return { project, lock: early ?? (await acquireLock(ctx.lockDir(), project.spec.name, 'pond up', timeoutMs)) };
}

/** The guessed project's lock if it is free at once; any failure leaves it to acquireLock, after the files load. */
function tryLockQuietly(dir: string, project: string): Lock | undefined {
  try {
    return tryLock(dir, project, 'pond up');
  } catch {
    return undefined;
  }
}

/** Steps marked `!` delete persistent data: asked on a terminal, else only with --yes; refusing touches nothing. */
async function refuseDataLoss(ctx: Context, plan: Plan, yes: boolean): Promise<void> {
  const doomed = plan.steps.filter((s) => s.destructive);
  if (!doomed.length || yes) return;
  const names = doomed.map((s) => `${s.resource} ${s.name}`).join(', ');
  if (await confirm(ctx, `This deletes persistent data (${names}). Apply?`)) return;
  throw new UsageError(
    `the plan deletes persistent data (${names}): nothing was changed`,
    'confirm on a terminal, or pass --yes; leave out --remove-orphans to keep the data',
  );
}
