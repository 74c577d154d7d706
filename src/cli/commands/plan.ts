import { abandonedRuns } from '../../identity.js';
import { reconcile } from '../../plan/reconcile.js';
import { refusals } from '../../plan/refusals.js';
import { UsageError } from '../../errors.js';
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
}

/** Takes one snapshot and plans against it; refuses a plan whose host ports another process holds. Shared by `plan` and `up`; touches nothing. */
export async function makePlan(ctx: Context, project: Project, flags: Omit<PlanFlags, 'format'>, wait = true): Promise<{ plan: Plan; observed: ObservedState }> {
  printWarnings(ctx, project.warnings);
  const engine = await ctx.openEngine();
  const observed = await engine.observe(project.spec.name);
  const options: PlanOptions = { forceRecreate: !!flags.forceRecreate, noRecreate: !!flags.noRecreate, removeOrphans: !!flags.removeOrphans, wait, missingOutputs: missingOutputs(project.spec.workloads), abandonedRuns: abandonedRuns(observed) };
  const plan = reconcile(project.desired, observed, options);
  const refused = refusals(plan, observed);
  if (refused.length) throw new UsageError(`${refused.map((r) => r.message).join('; ')}: nothing was changed`, refused.map((r) => r.hint).join('; '));
  await refuseBusyPorts(plan, observed);
  return { plan, observed };
}

/**
 * `pond plan`: exit 0, or with --detailed-exitcode 2 when there are changes (Terraform's contract); a
 * scheduled bot that `up` would run now counts as one.
 */
export async function planCommand(ctx: Context, flags: PlanFlags): Promise<number> {
  const project = await ctx.project();
  const { plan } = await makePlan(ctx, project, flags);
  const bots = scheduledBots(project, new Date());
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ ...planToJson(plan), ...(bots.length && { scheduled: bots }) }, null, 2));
  else ctx.output.out([renderPlan(plan, { color: ctx.output.color }).trimEnd(), ...(bots.length ? ['', ...scheduleLines(bots)] : [])].join('\n') + '\n');
  const changes = hasChanges(plan) || bots.some((b) => b.run_on_up);
  return flags.detailedExitcode && changes ? 2 : 0;
}
