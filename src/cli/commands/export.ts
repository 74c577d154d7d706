import fs from 'node:fs';
import path from 'node:path';
import { exportProject, type ExportFormat } from '../../export/index.js';
import type { Context } from '../context.js';
import { printWarnings } from './validate.js';

export interface ExportFlags {
  format: ExportFormat;
  output?: string;
  includeSecrets?: boolean;
}

/**
 * `pond export`: the project as Kubernetes manifests or a Compose file, on stdout or into `-o FILE`.
 * Touches no engine. What did not carry over is a warning on stderr (and an annotation in the file);
 * what cannot be exported at all fails with located errors (exit 3) before anything is written.
 */
export async function exportCommand(ctx: Context, flags: ExportFlags): Promise<number> {
  const project = await ctx.project();
  const result = exportProject(project, { format: flags.format, includeSecrets: !!flags.includeSecrets });
  printWarnings(ctx, [...project.warnings, ...result.warnings]);
  if (!flags.output || flags.output === '-') {
    ctx.output.out(result.text);
    return 0;
  }
  const target = path.resolve(ctx.cwd, flags.output);
  fs.writeFileSync(target, result.text);
  ctx.output.err(`wrote ${path.relative(ctx.cwd, target) || target}`);
  return 0;
}
