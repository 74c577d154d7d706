import type { BackendName } from '../engine/capabilities.js';
import type { Engine } from '../engine/types.js';

/**
 * What every backend is opened with: the environment that says where it is, its retry budget, and the
 * registry a cluster pushes local images to (`registry:` / `--registry`; the docker backend ignores it).
 */
export interface EngineOptions {
  env: Record<string, string | undefined>;
  retryBudgetMs?: number;
  registry?: string;
}

/**
 * The one place a backend name becomes an Engine (not pinged). Each backend is imported only when
 * chosen, so a docker run never loads the swarm code, and the reverse.
 */
export async function createEngine(backend: BackendName, opts: EngineOptions): Promise<Engine> {
  if (backend === 'swarm') {
    const { createSwarmEngine } = await import('../engine/swarm/index.js');
    return createSwarmEngine(opts);
  }
  const { createDockerEngine } = await import('../engine/docker/index.js');
  return createDockerEngine(opts);
}
