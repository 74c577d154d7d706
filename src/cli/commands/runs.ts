import { botOf } from '../../bots/run.js';
import { listRecords, type RunRecord } from '../../bots/store.js';
import { LABEL } from '../../labels.js';
import type { Context } from '../context.js';
import { table } from '../output.js';

/** A run as `pond runs` shows it: its record, and "running" / "lost" for one without an end. */
export interface RunRow extends RunRecord {
  state: 'running' | 'lost' | 'exited' | 'failed';
}

/**
 * `pond runs BOT`: the bot's runs, newest first, from `.pond/runs/BOT/`. A run with no end recorded
 * is "running" while its container exists, else "lost" (the pond that ran it was killed).
 */
export async function runsCommand(ctx: Context, bot: string, flags: { format: 'text' | 'json' }): Promise<number> {
  const project = await ctx.project();
  botOf(project, bot);
  const records = listRecords(project.spec.dir, bot);
  const open = records.some((r) => !r.finished);
  const live = open
    ? new Set(
        (await (await ctx.openEngine()).observe(project.spec.name)).workloads
          .map((c) => c.labels[LABEL.run])
          .filter(Boolean),
      )
    : new Set<string>();
  const rows: RunRow[] = records.map((r) => ({
    ...r,
    state: !r.finished ? (live.has(r.id) ? 'running' : 'lost') : r.exit_code === undefined ? 'failed' : 'exited',
  }));
  if (flags.format === 'json') {
    ctx.output.out(JSON.stringify({ project: project.spec.name, bot, runs: rows }, null, 2));
    return 0;
  }
  if (!rows.length) {
    ctx.output.err(`bot "${bot}" has not run yet (pond run ${bot} runs it now)`);
    return 0;
  }
  const head = ['RUN', 'TRIGGER', 'STARTED', 'DURATION', 'EXIT', 'RESULT'];
  ctx.output.out(
    table([
      head,
      ...rows.map((r) => [
        r.id,
        r.trigger,
        r.started.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
        r.duration_ms === undefined ? '-' : `${(r.duration_ms / 1000).toFixed(1)}s`,
        exitCell(r),
        r.result_file ? `.pond/runs/${bot}/${r.id}/${r.result_file}` : '-',
      ]),
    ]),
  );
  return 0;
}

function exitCell(r: RunRow): string {
  if (r.state === 'running' || r.state === 'lost') return r.state;
  if (r.exit_code === undefined) return `failed: ${r.error ?? '?'}`;
  return r.error ? `${r.exit_code} (${r.error})` : String(r.exit_code);
}
