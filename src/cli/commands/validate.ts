import { formatDiagnostic } from '../../config/format.js';
import type { Diagnostic } from '../../errors.js';
import { refuseUnsupported } from '../../desired/capability-check.js';
import { BACKEND_CAPABILITIES } from '../../engine/capabilities.js';
import type { Context } from '../context.js';

export function printWarnings(ctx: Context, warnings: Diagnostic[]): void {
  for (const w of warnings) ctx.output.err(formatDiagnostic(w, ctx.cwd));
}

/**
 * `pond validate`: every stage short of the engine, and what the project asks of the backend checked
 * against the chosen backend's declared capabilities (no connection, so `--engine swarm` needs no
 * cluster); exit 0 or 3 with every problem listed.
 */
export async function validateCommand(ctx: Context, flags: { format: 'text' | 'json' }): Promise<number> {
  const backend = await ctx.backend();
  const project = await ctx.project();
  await ctx.registry();
  const warnings = [
    ...project.warnings,
    ...refuseUnsupported(project.spec, { name: backend, capabilities: BACKEND_CAPABILITIES[backend] }, project.config),
  ];
  const names = project.spec.workloads.map((w) => w.name);
  if (flags.format === 'json') {
    ctx.output.out(
      JSON.stringify(
        {
          valid: true,
          project: project.spec.name,
          files: project.config.files,
          workloads: names,
          order: project.graph.order,
          warnings,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  printWarnings(ctx, warnings);
  ctx.output.out(
    `valid: project "${project.spec.name}", ${names.length} workload${names.length === 1 ? '' : 's'} (start order: ${project.graph.order.join(', ')})`,
  );
  return 0;
}
