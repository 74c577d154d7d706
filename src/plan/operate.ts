import type { ObservedWorkload, ObservedState } from '../engine/types.js';
import { LABEL } from '../labels.js';
import type { DesiredContainer, DesiredState } from '../desired/types.js';
import { UsageError } from '../errors.js';
import { groupByWorkload, pickCurrent, stopTimeoutOf } from './observed.js';
import { dependentsOf, type DependencyEdge } from './targets.js';
import { makeStep } from './make-step.js';
import type {
  ContainerKill,
  ContainerStart,
  ContainerStop,
  Need,
  Plan,
  Step,
  StepBase,
  VolumeRemove,
} from './types.js';

export type Verb = 'start' | 'stop' | 'restart' | 'kill' | 'rm';

/** What `pond start|stop|restart|kill|rm [WORKLOAD...]` asks for; the names are already known to be in pond.yaml. */
export interface OperateRequest {
  verb: Verb;
  /** Workloads named on the command line; none: every workload that has a container. */
  named: string[];
  desired: DesiredState;
  edges: DependencyEdge[];
  observed: ObservedState;
  /** Also act on what depends on the named workloads (stop before them, start after them). */
  withDependents?: boolean;
  /** -t: seconds a container gets to stop before it is killed; else its own stop_grace_period. */
  timeoutSec?: number;
  /** kill -s. */
  signal?: string;
  /** rm: stop running containers first instead of refusing. */
  stopFirst?: boolean;
  /** rm --volumes: also the named volumes only these workloads mount. */
  volumes?: boolean;
}

export interface Operation {
  plan: Plan;
  /** Workloads left as they are, and why ("web: already running"). */
  notes: string[];
}

/**
 * The plan of one per-workload verb, acting on existing containers only (never a create or replace):
 * the executor runs it like any plan, in dependency order (starts after what they depend on, stops
 * before it). Pure. A named workload with no container, or a running one `rm` would remove, is refused.
 */
export function operationPlan(req: OperateRequest): Operation {
  const byWorkload = currentContainers(req.observed, req.desired);
  const chosen = choose(req, byWorkload);
  const notes: string[] = [];
  const steps: Step[] = [];
  const running = (c: ObservedWorkload): boolean =>
    c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  const refusedRunning =
    req.verb === 'rm' && !req.stopFirst
      ? chosen.filter((w) => {
          const c = byWorkload.get(w);
          return !!c && running(c);
        })
      : [];
  if (refusedRunning.length) {
    throw new UsageError(
      `${refusedRunning.join(', ')} ${refusedRunning.length > 1 ? 'are' : 'is'} running: nothing was removed`,
      `pond stop ${refusedRunning.join(' ')} first, or pond rm --stop ${refusedRunning.join(' ')}`,
    );
  }
  for (const workload of chosen) {
    const have = byWorkload.get(workload);
    if (!have) continue;
    const skip = skipReason(req.verb, have, running(have));
    if (skip) {
      notes.push(`${workload}: ${skip}`);
      continue;
    }
    steps.push(step(req, workload, have));
  }
  steps.push(...volumeRemovals(req, steps, notes));
  wire(steps, req);
  return { plan: { project: req.desired.project, steps, unchanged: [], orphans: [], warnings: [], risks: [] }, notes };
}

function skipReason(verb: Verb, have: ObservedWorkload, running: boolean): string | undefined {
  if (verb === 'start' && running) return `already ${have.state}`;
  if (verb === 'stop' && !running) return `already stopped (${have.state})`;
  if (verb === 'kill' && !running) return `not running (${have.state}): nothing to kill`;
  return undefined;
}

function choose(req: OperateRequest, byWorkload: Map<string, ObservedWorkload>): string[] {
  const scheduled = new Set(req.desired.containerless ?? []);
  const missing = req.named.filter((w) => !byWorkload.has(w));
  if (missing.length) {
    const why = missing
      .map((w) => (scheduled.has(w) ? `${w} runs on a schedule (no standing container)` : `${w} has no container`))
      .join('; ');
    const hint = missing.every((w) => scheduled.has(w))
      ? `pond run ${missing[0]} runs it once now`
      : `pond up ${missing.join(' ')} creates ${missing.length > 1 ? 'them' : 'it'}`;
    throw new UsageError(`${why}: nothing was changed`, hint);
  }
  const base = req.named.length ? new Set(req.named) : new Set(byWorkload.keys());
  if (req.withDependents && req.named.length)
    for (const d of dependentsOf(req.named, req.edges)) if (byWorkload.has(d)) base.add(d);
  return req.desired.order.filter((w) => base.has(w));
}

function step(req: OperateRequest, workload: string, have: ObservedWorkload): Step {
  const want = req.desired.containers.find((c) => c.workload === workload);
  const named = req.named.length === 0 || req.named.includes(workload);
  const common: Pick<StepBase, 'id' | 'name' | 'engineName' | 'cause' | 'reason' | 'reach'> & {
    resource: 'container';
    observedId: string;
  } = {
    id: `container:${workload}`,
    resource: 'container',
    name: workload,
    engineName: have.name,
    cause: named ? `pond ${req.verb}` : `depends on ${req.named.join(', ')} (--with-dependents)`,
    reason: named ? 'requested' : 'with-dependents',
    reach: req.verb === 'start' || req.verb === 'restart' ? ['started'] : [],
    observedId: have.id,
  };
  const stopTimeoutSec = req.timeoutSec ?? stopTimeoutOf(have);
  switch (req.verb) {
    case 'start':
    case 'restart':
      return makeStep<ContainerStart>({
        ...common,
        action: req.verb,
        stopTimeoutSec,
        settle: false,
        container: sameConfig(want, have) ? want : null,
      });
    case 'kill':
      return makeStep<ContainerKill>({ ...common, action: 'kill', signal: req.signal ?? 'SIGKILL' });
    case 'stop':
      return makeStep<ContainerStop>({ ...common, action: 'stop', stopTimeoutSec });
    case 'rm':
      return makeStep<ContainerStop>({ ...common, action: 'remove', stopTimeoutSec });
  }
}

/** The desired container rides along only when it is what the container was made from (a start may need to recreate a stale one). */
function sameConfig(want: DesiredContainer | undefined, have: ObservedWorkload): want is DesiredContainer {
  return !!want && want.hash === have.labels[LABEL.configHash];
}

/** Starts wait for the starts of what they depend on; stops, kills and removals wait for those of their dependents. */
function wire(steps: Step[], req: OperateRequest): void {
  const ids = new Set(steps.map((s) => s.id));
  const upward = req.verb === 'start' || req.verb === 'restart';
  for (const s of steps) {
    if (s.resource !== 'container') continue;
    const others = req.edges
      .filter((e) => (upward ? e.from === s.name : e.to === s.name))
      .map((e) => `container:${upward ? e.to : e.from}`);
    const needs: Need[] = [...new Set(others)]
      .filter((id) => ids.has(id))
      .sort()
      .map((id) => ({ step: id, condition: 'started' }));
    s.needs = needs;
  }
}

/** rm --volumes: the project volumes the removed workloads mount and no other workload does, after the containers are gone. */
function volumeRemovals(req: OperateRequest, steps: Step[], notes: string[]): Step[] {
  if (req.verb !== 'rm' || !req.volumes) return [];
  const removed = new Set(steps.map((s) => s.name));
  const mounts = (c: DesiredContainer): string[] =>
    c.spec.mounts.flatMap((m) => (m.type === 'volume' ? [m.source] : []));
  const out: Step[] = [];
  for (const v of req.desired.volumes) {
    const users = req.desired.containers.filter((c) => mounts(c).includes(v.name));
    if (!users.some((c) => removed.has(c.workload))) continue;
    const others = users.filter((c) => !removed.has(c.workload)).map((c) => c.workload);
    if (others.length) {
      notes.push(`volume ${v.key}: kept, ${others.join(', ')} also mount${others.length > 1 ? '' : 's'} it`);
      continue;
    }
    if (!req.observed.volumes.some((o) => o.name === v.name)) continue;
    const needs = steps.map((s) => ({ step: s.id, condition: 'started' as const }));
    out.push(
      makeStep<VolumeRemove>({
        id: `volume:${v.key}`,
        action: 'remove',
        resource: 'volume',
        name: v.key,
        engineName: v.name,
        cause: 'rm --volumes: deletes its data',
        reason: 'requested',
        destructive: true,
        needs,
        reach: [],
      }),
    );
  }
  return out;
}

/** Each desired workload's standing container, picked as the planner picks it (one-off runs left aside). */
function currentContainers(observed: ObservedState, desired: DesiredState): Map<string, ObservedWorkload> {
  const groups = groupByWorkload(observed.workloads);
  const out = new Map<string, ObservedWorkload>();
  for (const want of desired.containers) {
    const have = pickCurrent(groups.get(want.workload) ?? [], want.spec.name);
    if (have) out.set(want.workload, have);
  }
  return out;
}
