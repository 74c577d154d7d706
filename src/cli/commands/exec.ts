import { LABEL } from '../../labels.js';
import { UsageError } from '../../errors.js';
import type { Project } from '../../pipeline.js';
import { kindExecEnv } from '../../workloads/kind-hooks.js';
import type { Context } from '../context.js';
import { execEnv } from '../exec-env.js';
import { execStdio } from '../exec-stdio.js';
import { execTarget } from '../exec-target.js';

export interface ExecFlags {
  noTty?: boolean;
  user?: string;
  workdir?: string;
  env: string[];
}

/**
 * `pond exec WORKLOAD CMD...`: CMD in the workload's running container, exiting with CMD's exit code.
 * The kind's exec env comes first (a database preset's client login, clientEnv), so `psql` or
 * `sqlcmd` reach the preset's database as its user; `-e` wins over it. Refusals (no command, unknown
 * workload, no or a stopped container) exit 3 before anything runs.
 */
export async function execCommand(
  ctx: Context,
  workload: string,
  command: string[],
  flags: ExecFlags,
): Promise<number> {
  const cmd = command[0] === '--' ? command.slice(1) : command;
  if (!cmd.length) throw new UsageError(`no command to run in "${workload}"`, `name one: pond exec ${workload} sh`);
  const env = execEnv(flags.env, ctx.env);
  const project = await readProject(ctx);
  const engine = await ctx.openEngine();
  const observed = await engine.observe(project?.spec.name ?? (await ctx.projectName()));
  const target = execTarget(
    workload,
    project?.spec.workloads.map((w) => w.name),
    observed.workloads,
  );
  const stdio = execStdio(!!flags.noTty);
  try {
    return await engine.exec(target.id, {
      cmd,
      env: { ...presetEnv(project, workload, target.labels), ...env },
      user: flags.user,
      workdir: flags.workdir,
      tty: stdio.tty,
      stdin: stdio.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      resize: stdio.resize,
    });
  } finally {
    stdio.restore();
  }
}

/** pond.yaml when there is one; with -p, a broken or missing file leaves the engine's view alone. */
async function readProject(ctx: Context): Promise<Project | undefined> {
  if (!ctx.hasFiles()) return undefined;
  try {
    return await ctx.project();
  } catch (err) {
    if (ctx.options.projectName) return undefined;
    throw err;
  }
}

/** The kind's exec env, only when the running container is of the kind pond.yaml now declares. */
function presetEnv(
  project: Project | undefined,
  workload: string,
  labels: Record<string, string>,
): Record<string, string> {
  const w = project?.spec.workloads.find((x) => x.name === workload);
  if (!w || labels[LABEL.kind] !== w.kind) return {};
  return kindExecEnv(w);
}
