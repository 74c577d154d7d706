import { UsageError } from '../../errors.js';
import { acquireLock } from '../../lock/lock.js';
import { operationPlan, type Verb } from '../../plan/operate.js';
import { refuseUnknown } from '../../plan/targets.js';
import { confirm } from '../confirm.js';
import type { Context } from '../context.js';
import { note } from '../output.js';
import { applyExitCode, failUnlessOk, runApply } from '../run-apply.js';

export interface OperateFlags {
  format: 'text' | 'json';
  withDependents?: boolean;
  timeoutSec?: number;
  signal?: string;
  stopFirst?: boolean;
  volumes?: boolean;
  yes?: boolean;
  lockTimeoutMs: number;
  concurrency: number;
}

const SIGNAL = /^(SIG)?[A-Z][A-Z0-9+-]*$|^\d{1,2}$/;

/**
 * `pond start|stop|restart|kill|rm [WORKLOAD...]`: acts on the existing containers through a plan the
 * executor runs (dependency order, the project lock, progress), never creating or replacing one. Says
 * what it left alone and why; exits 3 for a workload pond.yaml lacks or that has no container.
 */
export async function operateCommand(ctx: Context, verb: Verb, named: string[], flags: OperateFlags): Promise<number> {
  if (flags.signal !== undefined && !SIGNAL.test(flags.signal))
    throw new UsageError(
      `"${flags.signal}" is not a signal`,
      'use a name such as SIGTERM, HUP or KILL, or a number such as 9',
    );
  const project = await ctx.project();
  refuseUnknown(
    named,
    project.spec.workloads.map((w) => w.name),
  );
  const lock = await acquireLock(ctx.lockDir(), project.spec.name, `pond ${verb}`, flags.lockTimeoutMs);
  try {
    const engine = await ctx.openEngine();
    const observed = await engine.observe(project.spec.name);
    const { plan, notes } = operationPlan({
      verb,
      named,
      desired: project.desired,
      edges: project.graph.edges,
      observed,
      withDependents: flags.withDependents,
      timeoutSec: flags.timeoutSec,
      signal: flags.signal?.toUpperCase(),
      stopFirst: flags.stopFirst,
      volumes: flags.volumes,
    });
    for (const n of notes) note(ctx.output, n);
    const doomed = plan.steps.filter((s) => s.destructive).map((s) => s.engineName);
    if (
      doomed.length &&
      !flags.yes &&
      !(await confirm(ctx, `Delete volume(s) and their data: ${doomed.join(', ')}?`))
    ) {
      throw new UsageError('--volumes deletes data: nothing was removed', 'confirm on a terminal, or pass --yes');
    }
    const result = plan.steps.length
      ? await runApply(ctx.output, plan, engine, {
          concurrency: flags.concurrency,
          waitTimeoutMs: 0,
          projectDir: project.spec.dir,
        })
      : undefined;
    if (!plan.steps.length && !notes.length)
      note(ctx.output, `Nothing to ${verb}: project "${project.spec.name}" has no containers.`);
    if (flags.format === 'json') {
      const steps = (result?.results ?? []).map((r) => ({
        workload: r.step.name,
        resource: r.step.resource,
        action: r.step.action,
        status: r.status,
        ...(r.error && { error: r.error.message }),
      }));
      ctx.output.out(
        JSON.stringify({ project: plan.project, verb, steps, notes, exit_code: applyExitCode(result) }, null, 2),
      );
    }
    failUnlessOk(result);
    return 0;
  } finally {
    await lock.release();
  }
}
