import { dueOnUp } from '../bots/on-up.js';
import { abandonedRuns } from '../identity.js';
import { reconcile } from '../plan/reconcile.js';
import { refusals } from '../plan/refusals.js';
import { UsageError } from '../errors.js';
import { selectTargets } from '../plan/targets.js';
import type { Plan, PlanOptions } from '../plan/types.js';
import type { Engine, ObservedState } from '../engine/types.js';
import type { Project } from '../pipeline.js';
import { missingOutputs } from '../workloads/query/expand.js';
import { refuseBusyPorts } from './port-check.js';
import { refuseUnsupported } from '../desired/capability-check.js';

/** What a plan may be asked to do besides converging: the choices `pond plan`/`pond up` and the API share. */
export interface PlanChoices {
  forceRecreate?: boolean;
  noRecreate?: boolean;
  removeOrphans?: boolean;
  /** The workloads to act on (`pond up a b`); absent or empty: all of them. */
  workloads?: string[];
  /** With workloads: exactly those, not what they depend on. */
  noDeps?: boolean;
}

/**
 * Takes one snapshot and plans against it; refuses a plan whose host ports another process holds.
 * Touches nothing: what the plan does is up to the caller.
 */
export async function makePlan(
  engine: Engine,
  project: Project,
  choices: PlanChoices,
  wait = true,
): Promise<{ plan: Plan; observed: ObservedState }> {
  refuseConflicts(choices);
  refuseUnsupported(project.spec, { name: engine.backend, capabilities: engine.capabilities }, project.config);
  const observing = engine.observe(project.spec.name);
  // Should building throw, the engine's own failure must not surface later as an unhandled rejection.
  observing.catch(() => undefined);
  // Built while the engine answers (the first use builds it): on a no-op, hashing every container
  // was most of what was left to do once the snapshot came back.
  const desired = project.desired;
  const observed = await observing;
  const targets = targetsOf(project, choices);
  const options: PlanOptions = {
    forceRecreate: !!choices.forceRecreate,
    noRecreate: !!choices.noRecreate,
    removeOrphans: !!choices.removeOrphans,
    wait,
    missingOutputs: missingOutputs(project.spec.workloads),
    abandonedRuns: abandonedRuns(observed),
    runOnUp: dueOnUp(project, new Date()),
    ...(targets && { targets }),
    ...(engine.capabilities.inPlaceUpdate && { inPlaceUpdate: true }),
  };
  const plan = reconcile(desired, observed, options);
  const refused = refusals(plan, observed);
  if (refused.length)
    throw new UsageError(
      `${refused.map((r) => r.message).join('; ')}: nothing was changed`,
      refused.map((r) => r.hint).join('; '),
    );
  // A cluster publishes on its nodes, not on this machine: this machine's ports say nothing there.
  if (engine.capabilities.localPorts) await refuseBusyPorts(plan, observed);
  return { plan, observed };
}

/** The workloads a targeted plan may touch (the named ones and their dependencies), or undefined for all. */
export function targetsOf(project: Project, choices: Pick<PlanChoices, 'workloads' | 'noDeps'>): string[] | undefined {
  if (!choices.workloads?.length) return undefined;
  return [
    ...selectTargets(
      choices.workloads,
      project.spec.workloads.map((w) => w.name),
      project.graph.edges,
      choices.noDeps,
    ),
  ].sort();
}

/** Choices that contradict each other are refused before anything is read from the engine. */
export function refuseConflicts(choices: PlanChoices): void {
  if (choices.forceRecreate && choices.noRecreate)
    throw new UsageError(
      '--force-recreate and --no-recreate contradict each other: nothing was changed',
      'pass one of them',
    );
  if (choices.workloads?.length && choices.removeOrphans)
    throw new UsageError(
      '--remove-orphans acts on the whole project, not on the workloads named: nothing was changed',
      `run pond up --remove-orphans without workload names`,
    );
  if (choices.noDeps && !choices.workloads?.length)
    throw new UsageError(
      '--no-deps needs the workloads to act on: nothing was changed',
      'name them: pond up --no-deps web',
    );
}
