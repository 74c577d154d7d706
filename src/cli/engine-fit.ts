import fs from 'node:fs';
import os from 'node:os';
import { engineFitProblems } from '../apply/engine-fit.js';
import type { DesiredContainer } from '../desired/types.js';
import type { TaskSpec, Engine } from '../engine/types.js';
import type { Plan } from '../plan/types.js';
import { EngineUnfitError } from '../errors.js';
import { QUERY_PATHS } from '../workloads/query/expand.js';

/**
 * Refuses, before any engine change, to create `specs` on an engine that could not run them
 * (apply/engine-fit.ts says when). Engines that do not describe their host are not judged.
 */
export async function refuseUnfitEngine(engine: Engine, specs: TaskSpec[]): Promise<void> {
  // A cluster never mounts this machine's paths: it copies read-only files and refuses the rest at validate.
  if (!specs.length || !engine.host || !engine.capabilities.bindMounts) return;
  const mounts = specs.flatMap((s) => s.mounts);
  const binds = mounts.filter((m) => m.type === 'bind');
  const runsQuery = mounts.some((m) => m.target === QUERY_PATHS.runner);
  const modules = `${QUERY_PATHS.modules}/`;
  const missing = [
    ...new Set(
      binds
        .filter((m) => m.target.startsWith(modules) && !fs.existsSync(m.source))
        .map((m) => m.target.slice(modules.length)),
    ),
  ];
  const problems = engineFitProblems({
    engine: await engine.host(),
    local: { hostname: os.hostname(), platform: process.platform, arch: process.arch },
    binds: binds.length > 0,
    ...(runsQuery && { query: { missing } }),
    sharedPaths: process.env.POND_ENGINE_SHARES_PATHS === '1',
  });
  if (!problems.length) return;
  throw new EngineUnfitError(
    `${problems.map((p) => p.message).join('; ')}: nothing was changed`,
    problems.map((p) => p.hint).join('; '),
  );
}

/** The specs of the containers a plan creates or replaces: the ones the engine must be able to run. */
export function createdSpecs(containers: DesiredContainer[], plan: Plan): TaskSpec[] {
  const made = new Set(
    plan.steps
      .filter((s) => s.resource === 'container' && (s.action === 'create' || s.action === 'replace'))
      .map((s) => s.name),
  );
  return containers.filter((c) => made.has(c.workload)).map((c) => c.spec);
}
