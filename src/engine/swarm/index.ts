import type { Engine } from '../types.js';

/** Where the swarm manager is: the environment resolves it as for Docker (DOCKER_HOST, context). */
export type SwarmEngineOptions = { env: Record<string, string | undefined>; retryBudgetMs?: number };

/** The Docker Swarm backend of `Engine` (being built: this stub is replaced by the real one). */
export function createSwarmEngine(opts: SwarmEngineOptions): Engine {
  void opts;
  throw new Error('the swarm backend is not built yet');
}
