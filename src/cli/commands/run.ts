import { runBot } from '../../bots/run.js';
import type { Context } from '../context.js';
import { interruptible } from '../interrupt.js';
import { interruptedExitCode } from '../signals.js';

/**
 * `pond run BOT`: one run now, with the same bookkeeping as a scheduled one (logs, results, run.json,
 * pruning). Streams the bot's output and exits with its exit code. Ctrl-C stops and removes the
 * container (the run is recorded as interrupted) and exits 130.
 */
export async function runCommand(ctx: Context, bot: string): Promise<number> {
  const project = await ctx.project();
  const engine = await ctx.openEngine();
  let interrupted = false;
  const record = await interruptible(
    (signal) =>
      runBot(engine, project, bot, {
        trigger: 'manual',
        signal,
        onStarted: (r) => ctx.output.log(`run ${bot}: ${r.id} started`),
        onLine: (line) => (line.stream === 'stderr' ? ctx.output.err(line.text) : ctx.output.out(line.text)),
      }),
    () => {
      interrupted = true;
      ctx.output.err('\ninterrupted: stopping the run');
    },
  );
  const result = record.result_file ? `; result .pond/runs/${bot}/${record.id}/${record.result_file}` : '';
  ctx.output.log(`run ${bot}: ${record.id} exited ${record.exit_code} in ${((record.duration_ms ?? 0) / 1000).toFixed(1)}s${result}`);
  if (interrupted) return interruptedExitCode();
  return record.exit_code ?? 1;
}
