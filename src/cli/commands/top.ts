import type { Context } from '../context.js';
import { table } from '../output.js';
import { pickRunning, standing } from '../select.js';

/** `pond top WORKLOAD`: the processes in its container, as the engine's `ps` sees them (`docker compose top`). */
export async function topCommand(ctx: Context, workload: string, flags: { format: 'text' | 'json' }): Promise<number> {
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const { container } = pickRunning(standing((await engine.observe(project)).workloads), workload, project);
  const { titles, processes } = await engine.top(container.id);
  if (flags.format === 'json') {
    const rows = processes.map((p) => Object.fromEntries(titles.map((t, i) => [t, p[i] ?? ''])));
    ctx.output.out(JSON.stringify({ project, workload, container: container.name, processes: rows }, null, 2));
    return 0;
  }
  ctx.output.out(`${container.name}\n${table([titles, ...processes])}`);
  return 0;
}
