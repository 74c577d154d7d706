import type { LoadedConfig, LoadOptions } from './config/types.js';
import type { Diagnostic } from './errors.js';
import { splitScheduled } from './desired/split.js';
import { checkAllStages } from './all-stages.js';
import type { Graph } from './graph/graph.js';
import { buildDesired } from './desired/desired.js';
import type { DesiredContainer, DesiredState } from './desired/types.js';
import type { ProjectSpec } from './model/types.js';
import { readIdentity, type ProjectIdentity } from './identity.js';
import type { DigestCache } from './workloads/digest-cache.js';

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
  /** The input digests this load used, held in memory: the commands that create containers save them (session/prepare-files.ts). */
  digests: DigestCache;
}

/**
 * pond.yaml → config → model → graph → desired: every stage that needs no engine. Throws a
 * ConfigError holding every problem of every stage (all-stages.ts); nothing here touches the engine
 * or writes a file. The desired state (names, labels, config hashes) cannot fail once the graph is
 * accepted, so it is built on first use: `pond validate` and `pond graph` never pay for hashing every
 * container.
 */
export async function loadProject(
  files: string[],
  env: Record<string, string | undefined>,
  projectName?: string,
  more: Omit<LoadOptions, 'files' | 'env'> = {},
): Promise<Project> {
  const { config, spec, graph, warnings, digests } = await checkAllStages({ files, env, ...more }, projectName);
  const identity = readIdentity(spec.dir);
  let split: Pick<Project, 'desired' | 'scheduled'> | undefined;
  const built = (): Pick<Project, 'desired' | 'scheduled'> =>
    (split ??= splitScheduled(spec, buildDesired(spec, graph, identity), config));
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
