import { UsageError } from '../../errors.js';
import type { Engine } from '../../engine/types.js';
import { acquireLock } from '../../lock/lock.js';
import { planDown } from '../../plan/down.js';
import { renderPlan } from '../../plan/render.js';
import { confirm } from '../confirm.js';
import type { Context } from '../context.js';
import { note } from '../output.js';
import { failUnlessOk, runApply } from '../run-apply.js';

export interface DownFlags {
  volumes?: boolean;
  yes?: boolean;
  lockTimeoutMs: number;
  concurrency: number;
}

/**
 * `pond down`: removes the project's containers and network. Named volumes stay unless --volumes,
 * which deletes data and so asks first on a TTY, or needs --yes elsewhere; refusing touches nothing.
 */
export async function downCommand(ctx: Context, flags: DownFlags): Promise<number> {
  const project = await ctx.projectName();
  const lock = await acquireLock(ctx.lockDir(), project, 'pond down', flags.lockTimeoutMs);
  try {
    const engine = await ctx.openEngine();
    const observed = await engine.observe(project);
    const plan = planDown(project, observed, { volumes: !!flags.volumes });
    const doomed = plan.steps.filter((s) => s.destructive);
    if (
      doomed.length &&
      !flags.yes &&
      !(await confirm(
        ctx,
        `Delete ${doomed.length} volume(s) and their data: ${doomed.map((s) => s.engineName).join(', ')}?`,
      ))
    ) {
      throw new UsageError('--volumes deletes data: nothing was removed', 'confirm on a terminal, or pass --yes');
    }
    if (!plan.steps.length) {
      note(ctx.output, `Nothing to remove: project "${project}" has no containers or networks.`);
    } else {
      note(ctx.output, renderPlan(plan, { color: ctx.output.color }).trimEnd());
      failUnlessOk(
        await runApply(ctx.output, plan, engine, {
          concurrency: flags.concurrency,
          waitTimeoutMs: 0,
          projectDir: ctx.projectDir(),
        }),
      );
      await sweepLate(ctx, engine, project, flags.concurrency);
    }
    if (!flags.volumes) {
      for (const v of observed.volumes) note(ctx.output, `kept volume ${v.name} (pond down --volumes deletes it)`);
    }
    return 0;
  } finally {
    await lock.release();
  }
}

/**
 * A container of the project that appeared after the observe (a one-off run started meanwhile) was
 * only force-disconnected when the network went; removing it here is what makes `down` leave nothing
 * of the project behind. Volumes are not looked at again: deleting data was confirmed for the ones listed.
 */
async function sweepLate(ctx: Context, engine: Engine, project: string, concurrency: number): Promise<void> {
  const late = await engine.observe(project);
  if (!late.workloads.length) return;
  note(
    ctx.output,
    `removing what appeared during the down: ${late.workloads
      .map((c) => c.name)
      .sort()
      .join(', ')}`,
  );
  const plan = planDown(project, { ...late, volumes: [] }, { volumes: false });
  failUnlessOk(
    await runApply(ctx.output, plan, engine, { concurrency, waitTimeoutMs: 0, projectDir: ctx.projectDir() }),
  );
}
