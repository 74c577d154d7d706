import { hasChanges, planToJson, renderPlan } from '../../plan/render.js';
import type { Plan } from '../../plan/types.js';
import type { ObservedState } from '../../engine/types.js';
import type { Project } from '../../pipeline.js';
import type { Context } from '../context.js';
import { printWarnings } from './validate.js';
import { scheduleLines, scheduledBots } from '../../bots/schedule-view.js';
import { makePlan as makeSessionPlan, refuseConflicts, targetsOf, type PlanChoices } from '../../session/make-plan.js';

export interface PlanFlags extends PlanChoices {
  format: 'text' | 'json';
  detailedExitcode?: boolean;
}

/** The shared plan (session/make-plan.ts), with the project's warnings printed first. Touches nothing. */
export async function makePlan(
  ctx: Context,
  project: Project,
  flags: PlanChoices,
  wait = true,
): Promise<{ plan: Plan; observed: ObservedState }> {
  refuseConflicts(flags);
  printWarnings(ctx, project.warnings);
  return makeSessionPlan(await ctx.openEngine(project.spec.name), project, flags, wait);
}

export { targetsOf };

/**
 * When the project's snapshot is already in flight (prefetch guessed this project), its desired state
 * is built now, while the engine answers the ping and the lists (its first use builds it): otherwise
 * hashing every container waits for the ping first.
 */
export function buildWhileObserving(project: Project, guess: string | undefined): void {
  if (guess === project.spec.name) void project.desired;
}

/**
 * `pond plan`: exit 0, or with --detailed-exitcode 2 when there are changes (Terraform's contract); a
 * scheduled bot that `up` would run now is a step of the plan, so it counts as one.
 */
export async function planCommand(ctx: Context, flags: PlanFlags): Promise<number> {
  const guess = ctx.prefetch();
  const project = await ctx.project();
  buildWhileObserving(project, guess);
  const { plan } = await makePlan(ctx, project, flags);
  const targets = targetsOf(project, flags);
  const bots = scheduledBots(project, new Date()).filter((b) => !targets || targets.includes(b.workload));
  if (flags.format === 'json')
    ctx.output.out(JSON.stringify({ ...planToJson(plan), ...(bots.length && { scheduled: bots }) }, null, 2));
  else
    ctx.output.out(
      [
        renderPlan(plan, { color: !!ctx.output.outColor }).trimEnd(),
        ...(bots.length ? ['', ...scheduleLines(bots)] : []),
      ].join('\n') + '\n',
    );
  return flags.detailedExitcode && hasChanges(plan) ? 2 : 0;
}
