import type { Context } from '../context.js';
import { graphNodes, toDot, toMermaid } from '../graph-view.js';

/** `pond graph`: the dependency graph pond starts the project by, as DOT or Mermaid, with no engine. */
export async function graphCommand(ctx: Context, flags: { format: 'dot' | 'mermaid' }): Promise<number> {
  const { spec, graph } = await ctx.project();
  const nodes = graphNodes(spec.workloads);
  ctx.output.out(flags.format === 'mermaid' ? toMermaid(nodes, graph.edges) : toDot(spec.name, nodes, graph.edges));
  return 0;
}
