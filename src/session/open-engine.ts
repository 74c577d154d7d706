import type { BackendName } from '../engine/capabilities.js';
import type { Engine } from '../engine/types.js';
import type { ProjectIdentity } from '../identity.js';
import { createEngine } from './engine-factory.js';
import { ownedEngine } from './owned-engine.js';

/** POND_ENGINE_RETRY_MS: how long engine calls retry transient failures (tests shorten it; 0 = never). */
export function retryBudget(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The chosen backend's engine, at what `env` points to (DOCKER_HOST, DOCKER_CONTEXT, the current
 * context), with `registry` for a cluster's images, pinged and seen through the checkout's ownership: an unreachable engine fails here
 * (EngineUnreachableError), before any plan is made.
 */
export async function openOwnedEngine(
  backend: BackendName,
  env: Record<string, string | undefined>,
  identity: () => ProjectIdentity,
  registry?: string,
): Promise<Engine> {
  const engine = await createEngine(backend, {
    env,
    retryBudgetMs: retryBudget(env.POND_ENGINE_RETRY_MS),
    ...(registry && { registry }),
  });
  await engine.ping();
  return ownedEngine(engine, identity);
}
