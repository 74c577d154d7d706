import { waitsOnScheduled } from './desired/split.js';
import { readConfig } from './config/load.js';
import type { LoadedConfig, LoadOptions } from './config/types.js';
import { sortDiagnostics } from './config/validate.js';
import { ConfigError, type Diagnostic } from './errors.js';
import { checkGraph, type Graph } from './graph/graph.js';
import { modelStage } from './workloads/project.js';
import type { ProjectSpec } from './model/types.js';
import type { DigestCache } from './workloads/digest-cache.js';
import { readDigestCache } from './workloads/digest-store.js';

/** A project every engine-free stage accepted, with the warnings they found. */
export interface Checked {
  config: LoadedConfig;
  spec: ProjectSpec;
  graph: Graph;
  warnings: Diagnostic[];
  digests: DigestCache;
}

/**
 * Runs config → model → references → graph, each stage over whatever the ones before left usable,
 * so one run reports every problem a user can fix now: a schema error in one workload hides neither
 * a bad memory size in another nor a cycle between two more. Throws one ConfigError holding all of
 * them sorted by file, line and column, with a note for each check that could not run.
 */
export async function checkAllStages(opts: LoadOptions, projectName?: string): Promise<Checked> {
  const { config, diagnostics, usable } = await readConfig(opts);
  if (usable.blocked) throw refusal(diagnostics, [`model and graph checks skipped: ${usable.blocked} (see above)`]);
  const digests = readDigestCache(config.dir);
  const model = modelStage({ ...config, data: usable.data }, projectName, opts.env, digests, usable.refused);
  const known = new Set(Object.keys(config.data.workloads as Record<string, unknown>).sort());
  const { graph, diagnostics: graphProblems } = checkGraph(model.spec, config, { known, failed: model.failed });
  const found = [...diagnostics, ...model.diagnostics, ...graphProblems, ...waitsOnScheduled(model.spec, config)];
  if (found.some((d) => d.severity === 'error'))
    throw refusal(found, model.leftOut.length ? [leftOutNote(model.leftOut)] : []);
  return { config, spec: model.spec, graph, warnings: model.diagnostics, digests };
}

function refusal(diagnostics: Diagnostic[], notes: string[]): ConfigError {
  return new ConfigError(sortDiagnostics(diagnostics), undefined, notes);
}

function leftOutNote(names: string[]): string {
  if (names.length === 1) return `model and graph checks skipped for workload "${names[0]}", which has errors above`;
  return `model and graph checks skipped for ${names.length} workloads with errors above: ${names.join(', ')}`;
}
