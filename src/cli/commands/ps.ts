import type { Context } from '../context.js';
import { table } from '../output.js';
import { statusRows, statusTable } from '../status.js';

/** `pond ps`: one snapshot of the project's containers; declared workloads not created show "missing". */
export async function psCommand(ctx: Context, flags: { format: 'text' | 'json' }): Promise<number> {
  const declared = ctx.hasFiles() ? (await ctx.project()).spec.workloads.map((w) => w.name) : [];
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const rows = statusRows(await engine.observe(project), declared);
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ project, workloads: rows }, null, 2));
  else if (!rows.length) ctx.output.err(`project "${project}" has no containers`);
  else ctx.output.out(table(statusTable(rows)));
  return 0;
}
