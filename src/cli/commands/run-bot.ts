import { admitManualRun } from '../../bots/manual.js';
import { runBot } from '../../bots/run.js';
import { UsageError } from '../../errors.js';
import type { Project } from '../../pipeline.js';
import type { Context } from '../context.js';
import { interruptible } from '../interrupt.js';
import type { RunRequest } from '../run-flags.js';
import { interruptedExitCode } from '../signals.js';

/**
 * `pond run BOT [CMD...]`: one run now, with the same bookkeeping as a scheduled one (logs, results,
 * run.json, pruning) and under the bot's concurrency policy. Streams the bot's output and exits with
 * its exit code. Ctrl-C stops and removes the container (the run is recorded as interrupted) and exits 130.
 */
export async function runBotCommand(ctx: Context, project: Project, bot: string, req: RunRequest): Promise<number> {
  if (req.keep)
    throw new UsageError(
      '--no-rm does not apply to a bot: its runs are always removed',
      `the run's output and result stay in .pond/runs/${bot}/ (pond runs ${bot})`,
    );
  if (req.servicePorts)
    throw new UsageError(
      '--service-ports does not apply to a bot run',
      `drop --service-ports; a bot's ports belong to its long-running container (pond up ${bot})`,
    );
  const engine = await ctx.openEngine();
  await admitManualRun(engine, project, bot, (line) => ctx.output.log(line));
  let interrupted = false;
  const record = await interruptible(
    (signal) =>
      runBot(engine, project, bot, {
        trigger: 'manual',
        signal,
        overrides: req,
        onStarted: (r) => ctx.output.log(`run ${bot}: ${r.id} started`),
        onLine: (line) => (line.stream === 'stderr' ? ctx.output.err(line.text) : ctx.output.out(line.text)),
      }),
    () => {
      interrupted = true;
      ctx.output.err('\ninterrupted: stopping the run');
    },
  );
  const result = record.result_file ? `; result .pond/runs/${bot}/${record.id}/${record.result_file}` : '';
  ctx.output.log(
    `run ${bot}: ${record.id} exited ${record.exit_code} in ${((record.duration_ms ?? 0) / 1000).toFixed(1)}s${result}`,
  );
  if (interrupted) return interruptedExitCode();
  return record.exit_code ?? 1;
}
