import { runBot } from '../../bots/run.js';
import type { Context } from '../context.js';

/**
 * `pond run BOT`: one run now, with the same bookkeeping as a scheduled one (logs, results, run.json,
 * pruning). Streams the bot's output and exits with its exit code. Ctrl-C stops and removes the
 * container (the run is recorded as interrupted) and exits 130.
 */
export async function runCommand(ctx: Context, bot: string): Promise<number> {
  const project = await ctx.project();
  const engine = await ctx.openEngine();
  const abort = new AbortController();
  const onSigint = (): void => {
    ctx.output.err('\ninterrupted: stopping the run');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const record = await runBot(engine, project, bot, {
      trigger: 'manual',
      signal: abort.signal,
      onStarted: (r) => ctx.output.log(`run ${bot}: ${r.id} started`),
      onLine: (line) => (line.stream === 'stderr' ? ctx.output.err(line.text) : ctx.output.out(line.text)),
    });
    const result = record.result_file ? `; result .pond/runs/${bot}/${record.id}/${record.result_file}` : '';
    ctx.output.log(`run ${bot}: ${record.id} exited ${record.exit_code} in ${((record.duration_ms ?? 0) / 1000).toFixed(1)}s${result}`);
    if (abort.signal.aborted) return 130;
    return record.exit_code ?? 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
