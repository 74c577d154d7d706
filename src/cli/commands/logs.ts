import { LABEL } from '../../desired/labels.js';
import { UsageError } from '../../errors.js';
import type { Context } from '../context.js';
import { whileStoppable } from '../signals.js';
import { paint } from '../output.js';

export interface LogsFlags {
  follow?: boolean;
  tail?: number;
  timestamps?: boolean;
}

const COLORS = [36, 33, 32, 35, 34, 96, 93, 92];

/** `pond logs [WORKLOAD...]`: every selected container's output, interleaved, prefixed "name | ". */
export async function logsCommand(ctx: Context, workloads: string[], flags: LogsFlags): Promise<number> {
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const containers = (await engine.observe(project)).containers.sort((a, b) => a.name.localeCompare(b.name));
  const known = [...new Set(containers.map((c) => c.labels[LABEL.workload] ?? c.name))];
  const unknown = workloads.filter((w) => !known.includes(w));
  if (unknown.length) throw new UsageError(`no container for workload ${unknown.map((u) => `"${u}"`).join(', ')} in project "${project}"`, known.length ? `running workloads: ${known.join(', ')}` : 'run pond up first');
  const chosen = containers.filter((c) => !workloads.length || workloads.includes(c.labels[LABEL.workload] ?? ''));
  const width = Math.max(...chosen.map((c) => (c.labels[LABEL.workload] ?? c.name).length), 1);
  const abort = new AbortController();
  await whileStoppable(() => abort.abort(), () => Promise.all(
    chosen.map(async (c, i) => {
      const name = c.labels[LABEL.workload] ?? c.name;
      const prefix = paint(ctx.output, COLORS[i % COLORS.length]!, `${name.padEnd(width)} |`);
      for await (const line of engine.logs(c.id, { follow: !!flags.follow, tail: flags.tail, timestamps: !!flags.timestamps, signal: abort.signal })) {
        ctx.output.out(`${prefix} ${line.time ? line.time + ' ' : ''}${line.text}`);
      }
    }),
  ));
  return 0;
}
