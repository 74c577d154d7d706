import { abandonedRuns } from '../../identity.js';
import { reconcile } from '../../plan/reconcile.js';
import { refusals } from '../../plan/refusals.js';
import { UsageError } from '../../errors.js';
import { selectTargets } from '../../plan/targets.js';
import { hasChanges, planToJson, renderPlan } from '../../plan/render.js';
import type { Plan, PlanOptions } from '../../plan/types.js';
import type { ObservedState } from '../../engine/types.js';
import type { Project } from '../../pipeline.js';
import type { Context } from '../context.js';
import { missingOutputs } from '../../workloads/query/expand.js';
import { printWarnings } from './validate.js';
import { refuseBusyPorts } from '../port-check.js';
import { scheduleLines, scheduledBots } from '../../bots/schedule-view.js';

export interface PlanFlags {
  format: 'text' | 'json';
  detailedExitcode?: boolean;
  forceRecreate?: boolean;
  noRecreate?: boolean;
  removeOrphans?: boolean;
  /** `pond plan a b` / `pond up a b`: the workloads named on the command line. */
  workloads?: string[];
  /** With workloads: exactly those, not what they depend on. */
  noDeps?: boolean;
}

/** Takes one snapshot and plans against it; refuses a plan whose host ports another process holds. Shared by `plan` and `up`; touches nothing. */
export async function makePlan(ctx: Context, project: Project, flags: Omit<PlanFlags, 'format'>, wait = true): Promise<{ plan: Plan; observed: ObservedState }> {
  refuseConflicts(flags);
  printWarnings(ctx, project.warnings);
  const engine = await ctx.openEngine();
  const observed = await engine.observe(project.spec.name);
  const targets = targetsOf(project, flags);
  const options: PlanOptions = { forceRecreate: !!flags.forceRecreate, noRecreate: !!flags.noRecreate, removeOrphans: !!flags.removeOrphans, wait, missingOutputs: missingOutputs(project.spec.workloads), abandonedRuns: abandonedRuns(observed), ...(targets && { targets }) };
  const plan = reconcile(project.desired, observed, options);
  const refused = refusals(plan, observed);
  if (refused.length) throw new UsageError(`${refused.map((r) => r.message).join('; ')}: nothing was changed`, refused.map((r) => r.hint).join('; '));
  await refuseBusyPorts(plan, observed);
  return { plan, observed };
}

/** The workloads a targeted plan may touch (the named ones and their dependencies), or undefined for all. */
export function targetsOf(project: Project, flags: Pick<PlanFlags, 'workloads' | 'noDeps'>): string[] | undefined {
  if (!flags.workloads?.length) return undefined;
  return [...selectTargets(flags.workloads, project.spec.workloads.map((w) => w.name), project.graph.edges, flags.noDeps)].sort();
}

/** Flags that contradict each other are refused before anything is read from the engine. */
function refuseConflicts(flags: Omit<PlanFlags, 'format'>): void {
  if (flags.forceRecreate && flags.noRecreate) throw new UsageError('--force-recreate and --no-recreate contradict each other: nothing was changed', 'pass one of them');
  if (flags.workloads?.length && flags.removeOrphans) throw new UsageError('--remove-orphans acts on the whole project, not on the workloads named: nothing was changed', `run pond up --remove-orphans without workload names`);
  if (flags.noDeps && !flags.workloads?.length) throw new UsageError('--no-deps needs the workloads to act on: nothing was changed', 'name them: pond up --no-deps web');
}

/**
 * `pond plan`: exit 0, or with --detailed-exitcode 2 when there are changes (Terraform's contract); a
 * scheduled bot that `up` would run now counts as one.
 */
export async function planCommand(ctx: Context, flags: PlanFlags): Promise<number> {
  const project = await ctx.project();
  const { plan } = await makePlan(ctx, project, flags);
  const targets = targetsOf(project, flags);
  const bots = scheduledBots(project, new Date()).filter((b) => !targets || targets.includes(b.workload));
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ ...planToJson(plan), ...(bots.length && { scheduled: bots }) }, null, 2));
  else ctx.output.out([renderPlan(plan, { color: !!ctx.output.outColor }).trimEnd(), ...(bots.length ? ['', ...scheduleLines(bots)] : [])].join('\n') + '\n');
  const changes = hasChanges(plan) || bots.some((b) => b.run_on_up);
  return flags.detailedExitcode && changes ? 2 : 0;
}
