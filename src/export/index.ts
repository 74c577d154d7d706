import { POND_VERSION } from '../labels.js';
import type { Project } from '../pipeline.js';
import { composeDocument } from './compose.js';
import { kubeObjects } from './kube.js';
import { renderDocuments } from './render.js';
import { NOTE, type ExportOptions, type ExportResult } from './types.js';

export type { ExportFormat, ExportOptions, ExportResult } from './types.js';

/**
 * The project as Kubernetes manifests or a Compose file. Reads the project's files (read-only binds
 * become ConfigMaps), writes nothing; the same project gives the same text. Throws a ConfigError for
 * what cannot be exported; what is exported only in part comes back as warnings.
 */
export function exportProject(project: Project, options: ExportOptions): ExportResult {
  if (options.format === 'compose') {
    const { document, report } = composeDocument(project, options.includeSecrets);
    return { text: renderDocuments([document], headerOf(project, [])), warnings: report.diagnostics };
  }
  const { objects, report } = kubeObjects(project, options.includeSecrets);
  const commands = objects.flatMap((o) => o.metadata.annotations?.[NOTE.secret] ?? []);
  const secrets = commands.length
    ? [
        'Secrets are not in this file. Create them first (values from your environment):',
        ...commands.map((c) => `  ${c}`),
      ]
    : [];
  return { text: renderDocuments(objects, headerOf(project, secrets)), warnings: report.diagnostics };
}

function headerOf(project: Project, more: string[]): string[] {
  return [`Exported by pond ${POND_VERSION} from project ${project.spec.name}. Regenerate with pond export.`, ...more];
}
