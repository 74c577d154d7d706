import { loadConfig } from './config/load.js';
import type { LoadedConfig, LoadOptions } from './config/types.js';
import type { Diagnostic } from './errors.js';
import { refuseWaitsOnScheduled, splitScheduled } from './bots/split.js';
import { saveNewTokens } from './workloads/notebook/token.js';
import { buildDesired } from './desired/desired.js';
import type { DesiredContainer, DesiredState } from './desired/types.js';
import { buildGraph, type Graph } from './graph/graph.js';
import { normalizeProject } from './workloads/project.js';
import type { ProjectSpec } from './model/types.js';
import { readIdentity, type ProjectIdentity } from './identity.js';
import type { DigestCache } from './workloads/digest-cache.js';
import { readDigestCache, saveDigestCache } from './workloads/digest-store.js';

export interface Project {
  config: LoadedConfig;
  spec: ProjectSpec;
  graph: Graph;
  /** Which checkout this is; its labels are on every object the project creates. */
  identity: ProjectIdentity;
  desired: DesiredState;
  /** Scheduled bots: the container each run is created from (not part of what the planner reconciles). */
  scheduled: DesiredContainer[];
  warnings: Diagnostic[];
  /** The input digests this load used, held in memory: only commands that write the folder anyway save them (saveDigests). */
  digests: DigestCache;
}

/**
 * pond.yaml → config → model → graph → desired: every stage that needs no engine. Throws a
 * ConfigError holding every problem found; nothing here touches the engine. The desired state (names,
 * labels, config hashes) cannot fail once the graph is accepted, so it is built on first use: `pond
 * validate` and `pond graph` never pay for hashing every container.
 */
export async function loadProject(files: string[], env: Record<string, string | undefined>, projectName?: string, more: Omit<LoadOptions, 'files' | 'env'> = {}): Promise<Project> {
  const config = await loadConfig({ files, env, ...more });
  const digests = readDigestCache(config.dir);
  const { spec, warnings } = normalizeProject(config, projectName, env, digests);
  const graph = buildGraph(spec, config);
  const identity = readIdentity(spec.dir);
  refuseWaitsOnScheduled(spec, config);
  saveNewTokens(spec); // only now: every stage above accepted the project
  let split: Pick<Project, 'desired' | 'scheduled'> | undefined;
  const built = (): Pick<Project, 'desired' | 'scheduled'> => (split ??= splitScheduled(spec, buildDesired(spec, graph, identity), config));
  return {
    config,
    spec,
    graph,
    identity,
    get desired() {
      return built().desired;
    },
    get scheduled() {
      return built().scheduled;
    },
    warnings,
    digests,
  };
}

/**
 * Writes `.pond/cache/digests.json` when this load changed it. Loading never writes (`validate`,
 * `plan`, `ps` leave the folder as it was), so the commands that write the project folder anyway
 * (up, watch, run, query) call this; the others profit from the cache they leave.
 */
export function saveDigests(project: Pick<Project, 'digests'>): void {
  saveDigestCache(project.digests);
}
