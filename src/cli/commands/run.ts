import { randomBytes } from 'node:crypto';
import type { DesiredContainer } from '../../desired/types.js';
import type { TaskSpec, Engine } from '../../engine/types.js';
import { UsageError } from '../../errors.js';
import { ownerTag } from '../../identity.js';
import { ensureShared } from '../../oneoff/prepare.js';
import { runContainer } from '../../oneoff/run.js';
import { oneOffSpec, refuseOneOff } from '../../oneoff/spec.js';
import type { Project } from '../../pipeline.js';
import { prepareProjectFiles } from '../../session/prepare-files.js';
import type { Context } from '../context.js';
import { execStdio, type ExecStdio } from '../exec-stdio.js';
import { interruptible } from '../interrupt.js';
import { parseRunFlags, type RunFlags } from '../run-flags.js';
import { interruptedExitCode } from '../signals.js';
import { runBotCommand } from './run-bot.js';
import { upCommand } from './up.js';

/**
 * `pond run WORKLOAD [CMD...]`, like compose's `run`. A bot gets one recorded run (run-bot.ts); any
 * other workload a one-off container from its desired spec (src/oneoff/spec.ts), its dependencies
 * brought up first unless --no-deps.
 */
export async function runCommand(ctx: Context, workload: string, command: string[], flags: RunFlags): Promise<number> {
  const project = await ctx.project();
  prepareProjectFiles(project);
  const req = parseRunFlags(flags, command);
  if (project.spec.workloads.find((w) => w.name === workload)?.bot) return runBotCommand(ctx, project, workload, req);
  const template = templateOf(project, workload);
  refuseOneOff(template, req);
  const deps = Object.keys(template.dependsOn).sort();
  if (req.deps && deps.length) await upDependencies(ctx, deps);
  const engine = await ctx.openEngine();
  const spec = oneOffSpec(template, randomBytes(3).toString('hex'), req, ownerTag());
  await ensureShared(engine, project, spec);
  return runOneOff(ctx, engine, spec, { workload, keep: req.keep, noTty: flags.tty === false });
}

/**
 * Runs the one-off wired to this process's stdio as `docker compose run` does: a TTY when stdin is
 * one (unless -T; Ctrl-C is then a key for the command, and no "started" line lands in its prompt),
 * piped stdin otherwise (exec-stdio.ts). Exits with the container's code; a stop signal stops it
 * (and removes it, unless --no-rm) and exits 130.
 */
async function runOneOff(
  ctx: Context,
  engine: Engine,
  spec: TaskSpec,
  o: { workload: string; keep: boolean; noTty: boolean },
): Promise<number> {
  let interrupted = false;
  let stdio: ExecStdio | undefined;
  const code = await interruptible(
    (signal) =>
      runContainer(engine, spec, {
        keep: o.keep,
        signal,
        onStarted: () => {
          if (!stdio?.tty) ctx.output.log(`run ${o.workload}: ${spec.name} started`);
        },
        stdio: () => {
          stdio = execStdio(o.noTty);
          return { ...stdio, stdout: process.stdout, stderr: process.stderr };
        },
      }),
    () => {
      interrupted = true;
      ctx.output.err(`\ninterrupted: stopping ${spec.name}`);
    },
  ).finally(() => stdio?.restore());
  ctx.output.log(`run ${o.workload}: ${spec.name} exited ${code}${o.keep ? ' (kept: --no-rm)' : ''}`);
  return interrupted ? interruptedExitCode() : code;
}

function templateOf(project: Project, workload: string): DesiredContainer {
  const template = project.desired.containers.find((c) => c.workload === workload);
  if (template) return template;
  const names = project.spec.workloads.map((w) => w.name);
  throw new UsageError(
    `no workload "${workload}" in project "${project.spec.name}"`,
    names.length ? `workloads here: ${names.join(', ')}` : 'pond.yaml declares no workloads',
  );
}

/** `pond up` of what the one-off depends on; its status table is left out, so stdout is the command's alone. */
async function upDependencies(ctx: Context, targets: string[]): Promise<void> {
  await upCommand(ctx, {
    format: 'text',
    wait: true,
    waitTimeoutMs: 120_000,
    lockTimeoutMs: 0,
    concurrency: 16,
    workloads: targets,
    summary: false,
  });
}
