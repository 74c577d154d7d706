import type { Context } from '../context.js';
import { lsTable, summarizeProjects } from '../ls-summary.js';
import { table } from '../output.js';

export interface LsFlags {
  format: 'text' | 'json';
  /** Also projects with no running container. */
  all?: boolean;
  /** Names only, one a line. */
  quiet?: boolean;
}

/**
 * `pond ls`: every pond project on this engine, found by label, with no pond.yaml needed (like
 * `docker compose ls`). Without `--all` only projects with a running container are listed.
 */
export async function lsCommand(ctx: Context, flags: LsFlags): Promise<number> {
  const engine = await ctx.openEngine();
  const projects = summarizeProjects(await engine.listPondWorkloads()).filter(
    (p) => flags.all || (p.states.running ?? 0) > 0,
  );
  if (flags.quiet) {
    if (projects.length) ctx.output.out(projects.map((p) => p.name).join('\n'));
    return 0;
  }
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ projects }, null, 2));
  else if (!projects.length)
    ctx.output.err(
      flags.all ? 'no pond project on this engine' : 'no pond project is running (pond ls -a lists stopped ones too)',
    );
  else ctx.output.out(table(lsTable(projects)));
  return 0;
}
