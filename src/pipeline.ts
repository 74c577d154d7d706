import { loadConfig } from './config/load.js';
import type { LoadedConfig } from './config/types.js';
import type { Diagnostic } from './errors.js';
import { buildDesired } from './desired/desired.js';
import type { DesiredState } from './desired/types.js';
import { buildGraph, type Graph } from './graph/graph.js';
import { normalizeProject } from './model/normalize.js';
import type { ProjectSpec } from './model/types.js';

export interface Project {
  config: LoadedConfig;
  spec: ProjectSpec;
  graph: Graph;
  desired: DesiredState;
  warnings: Diagnostic[];
}

/**
 * pond.yaml → config → model → graph → desired: every stage that needs no engine. Throws a
 * ConfigError holding every problem found; nothing here touches the engine.
 */
export async function loadProject(files: string[], env: Record<string, string | undefined>, projectName?: string): Promise<Project> {
  const config = await loadConfig({ files, env });
  const { spec, warnings } = normalizeProject(config, projectName);
  const graph = buildGraph(spec, config);
  return { config, spec, graph, desired: buildDesired(spec, graph), warnings };
}
