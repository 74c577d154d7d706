import type { Engine, ImageInfo } from '../../engine/types.js';
import type { Context } from '../context.js';
import { imageRow, imagesTable } from '../images-table.js';
import { table } from '../output.js';
import { pick, standing } from '../select.js';

/** `pond images [WORKLOAD...]`: the image each of the project's containers runs (`docker compose images`). */
export async function imagesCommand(
  ctx: Context,
  workloads: string[],
  flags: { format: 'text' | 'json' },
): Promise<number> {
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const chosen = pick(standing((await engine.observe(project)).workloads), workloads, project);
  const infos = await inspectAll(
    engine,
    chosen.map((w) => w.container.imageId ?? w.container.image),
  );
  const rows = chosen.map(({ workload, container: c }) =>
    imageRow(workload, c.name, c.image, c.imageId, infos.get(c.imageId ?? c.image)),
  );
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ project, images: rows }, null, 2));
  else if (!rows.length) ctx.output.err(`project "${project}" has no containers`);
  else ctx.output.out(table(imagesTable(rows)));
  return 0;
}

/** One inspect per distinct image, in parallel. */
async function inspectAll(engine: Engine, refs: string[]): Promise<Map<string, ImageInfo | undefined>> {
  const unique = [...new Set(refs)];
  const infos = await Promise.all(unique.map((r) => engine.inspectImage(r)));
  return new Map(unique.map((r, i) => [r, infos[i]]));
}
