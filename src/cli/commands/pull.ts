import type { Engine } from '../../engine/types.js';
import { EngineUnreachableError, PondError } from '../../errors.js';
import type { Context } from '../context.js';
import { pullProgress, type PullProgress } from '../pull-progress.js';
import { pullTargets, type PullTarget } from '../pull-set.js';

export interface PullFlags {
  ignorePullFailures?: boolean;
  quiet?: boolean;
}

/**
 * `pond pull [WORKLOAD...]`: pulls every image the project needs, all at once (`docker compose pull`).
 * An image is pulled even when present, to bring its tag up to date. Each failure is named; with
 * `--ignore-pull-failures` they are warnings and the exit is 0. An unreachable engine always fails.
 */
export async function pullCommand(ctx: Context, workloads: string[], flags: PullFlags): Promise<number> {
  const project = await ctx.project();
  const targets = pullTargets([...project.desired.containers, ...project.scheduled], workloads, project.spec.name);
  if (!targets.length) {
    ctx.output.err(`project "${project.spec.name}" has no image to pull`);
    return 0;
  }
  const engine = await ctx.openEngine();
  const progress = pullProgress(
    ctx.output,
    targets.map((t) => t.image),
    !!flags.quiet,
  );
  const failures = (await Promise.all(targets.map((t) => pullOne(engine, t, progress)))).filter(
    (f): f is Failure => f !== undefined,
  );
  const label = flags.ignorePullFailures ? 'warning' : 'error';
  for (const f of failures) ctx.output.err(`${label}: ${f.message}`);
  if (!failures.length || flags.ignorePullFailures) return 0;
  const names = failures.map((f) => f.image).join(', ');
  throw new PondError(
    `${failures.length} of ${targets.length} image${targets.length === 1 ? '' : 's'} could not be pulled: ${names}`,
    'check the names in pond.yaml and that the registry answers; --ignore-pull-failures carries on without them',
  );
}

interface Failure {
  image: string;
  message: string;
}

async function pullOne(engine: Engine, target: PullTarget, progress: PullProgress): Promise<Failure | undefined> {
  const who = target.workloads.join(', ');
  try {
    await engine.pullImage(target.image, (line) => progress.update(target.image, line));
    progress.done(target.image, `pulled ${target.image} (${who})`);
    return undefined;
  } catch (err) {
    if (err instanceof EngineUnreachableError) throw err;
    progress.done(target.image, `failed ${target.image} (${who})`);
    return { image: target.image, message: err instanceof Error ? err.message : String(err) };
  }
}
