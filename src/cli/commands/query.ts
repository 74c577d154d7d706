import { refuseUnfitEngine } from '../engine-fit.js';
import fs from 'node:fs';
import { PondError, UsageError } from '../../errors.js';
import { runAdhoc } from '../../queries/adhoc.js';
import type { QueryFormat } from '../../workloads/query/expand.js';
import type { Context } from '../context.js';
import { interruptible } from '../interrupt.js';
import { prepareProjectFiles } from '../../session/prepare-files.js';

export interface QueryFlags {
  sql?: string;
  format?: QueryFormat;
  timeoutMs?: number;
  output?: string;
  explain?: boolean;
  warm?: boolean;
}

/** A failed query: DuckDB's message is the whole story, so it is printed as it is. */
class QueryFailed extends PondError {
  override readonly exitCode = 1;
}

/**
 * `pond query NAME`: runs the query (or `--sql`) now and prints the result on stdout, or writes it to
 * `--output`. `--explain` prints DuckDB's plan. Past `--timeout` (default: the workload's) the
 * container is killed and removed and pond exits 124; Ctrl-C removes it too (130).
 */
export async function queryCommand(ctx: Context, name: string, flags: QueryFlags): Promise<number> {
  if (flags.format && !['json', 'csv', 'arrow'].includes(flags.format))
    throw new UsageError(`--format ${flags.format} is not json, csv or arrow`);
  if (flags.format === 'arrow' && !flags.output && ctx.output.tty)
    throw new UsageError('Arrow is binary: not printed on a terminal', 'add --output FILE, or pipe stdout into a file');
  ctx.prefetch({ host: true });
  const project = await ctx.project();
  prepareProjectFiles(project);
  // The snapshot asked for beside the ping (or before the files were read) serves the run's own look.
  const engine = await ctx.openEngine(project.spec.name);
  const beforeCreate = (): Promise<void> =>
    refuseUnfitEngine(
      engine,
      project.desired.containers.filter((c) => c.workload === name).map((c) => c.spec),
    );
  const result = await interruptible((signal) => runAdhoc(engine, project, name, { ...flags, beforeCreate, signal }));
  if (!result.ok) throw new QueryFailed(result.message);
  if (flags.output) fs.writeFileSync(flags.output, result.bytes);
  else process.stdout.write(result.bytes);
  return 0;
}
