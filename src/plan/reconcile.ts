import type { Condition, ObservedWorkload, ObservedState } from '../engine/types.js';
import { LABEL } from '../labels.js';
import type { DesiredContainer, DesiredState } from '../desired/types.js';
import { diffSpecs } from './diff.js';
import { keepPickedPorts } from './sticky-ports.js';
import { dataWarnings } from './warnings.js';
import { makeStep } from './make-step.js';
import { groupByWorkload, parseSpecLabel, pickCurrent, stopTimeoutOf } from './observed.js';
import { findOrphans, findOrphanVolumes, removal, volumeRemoval } from './orphans.js';
import type {
  Await,
  BotRun,
  BringUp,
  ContainerCreate,
  ContainerReplace,
  ContainerStart,
  ContainerUpdate,
  Need,
  NetworkCreate,
  Plan,
  PlanOptions,
  Reason,
  Step,
  VolumeCreate,
} from './types.js';
import { byText } from '../canonical.js';

/**
 * The planner: desired state + one observed snapshot → Plan. Pure: no I/O, clock, prompts or logs.
 * Every step carries its cause; a dependent step needs its dependency's step to reach the declared
 * condition, or awaits the existing container when the dependency is left alone.
 */
export function reconcile(full: DesiredState, observed: ObservedState, options: PlanOptions): Plan {
  const desired = narrow(full, options.targets);
  const byWorkload = groupByWorkload(observed.workloads);
  const steps: Step[] = [];
  const unchanged: string[] = [];
  const requiredBy = requiredConditions(full);

  for (const n of desired.networks) {
    if (observed.networks.some((o) => o.name === n.name)) continue;
    steps.push(
      makeStep<NetworkCreate>({
        id: `network:default`,
        action: 'create',
        resource: 'network',
        name: 'default',
        engineName: n.name,
        cause: 'does not exist',
        reason: 'absent',
        network: n,
      }),
    );
  }
  for (const v of desired.volumes) {
    if (observed.volumes.some((o) => o.name === v.name)) continue;
    steps.push(
      makeStep<VolumeCreate>({
        id: `volume:${v.key}`,
        action: 'create',
        resource: 'volume',
        name: v.key,
        engineName: v.name,
        cause: 'does not exist',
        reason: 'absent',
        volume: { name: v.name, labels: v.labels },
      }),
    );
  }
  const containers = new Map(desired.containers.map((c) => [c.workload, c]));
  const containerSteps = new Map<string, BringUp>();
  const wiring: { step: Step; want: DesiredContainer }[] = [];
  for (const workload of desired.order) {
    const want = containers.get(workload);
    if (!want) continue;
    const candidates = byWorkload.get(workload) ?? [];
    const have = pickCurrent(candidates, want.spec.name);
    const leftovers = candidates
      .filter((c) => c !== have)
      .map((c) =>
        removal(
          { name: workload, engineName: c.name, id: c.id, stopTimeoutSec: stopTimeoutOf(c) },
          'leftover of an interrupted replace',
          'leftover',
        ),
      );
    steps.push(...leftovers);
    const step =
      containerStep(want, have, options, requiredBy.get(workload) ?? new Set()) ?? rejoin(want, have, containerSteps);
    if (!step) {
      unchanged.push(workload);
      continue;
    }
    step.reach = reachFor(want, requiredBy.get(workload), options);
    if (options.wait && step.reach.length === 1 && want.settles) step.settle = true;
    step.needs = leftovers.map((l) => ({ step: l.id, condition: 'started' }));
    steps.push(step);
    containerSteps.set(step.id, step);
    wiring.push({ step, want });
  }
  const runs = botRuns(options);
  steps.push(...runs.map((r) => r.step));
  wireNeeds(steps, [...wiring, ...runs], full, byWorkload);
  keepPickedPorts(steps, observed);
  for (const name of desired.containerless ?? []) {
    for (const c of byWorkload.get(name) ?? [])
      steps.push(
        removal(
          { name, engineName: c.name, id: c.id, stopTimeoutSec: stopTimeoutOf(c) },
          'now runs on a schedule: no standing container',
          'now-scheduled',
        ),
      );
  }
  const abandoned = new Set(options.targets ? [] : options.abandonedRuns);
  for (const c of observed.workloads.filter((o) => abandoned.has(o.id))) {
    steps.push(
      removal(
        { name: c.labels[LABEL.workload] ?? c.name, engineName: c.name, id: c.id, stopTimeoutSec: stopTimeoutOf(c) },
        `a run whose pond process is gone (${c.labels[LABEL.owner] ?? 'unknown'}): nobody waits for it`,
        'abandoned-run',
      ),
    );
  }
  const removeOrphans = options.removeOrphans && !options.targets;
  const orphans = findOrphans(
    byWorkload,
    new Map(full.containers.map((c) => [c.workload, c])),
    new Set(full.containerless),
  );
  if (removeOrphans) steps.push(...orphans.map((o) => removal(o, 'removed from pond.yaml (orphan)', 'orphan')));
  const orphanVolumes = findOrphanVolumes(full, observed);
  const replaced = steps
    .filter((s) => s.resource === 'container' && s.action !== 'create')
    .map((s) => ({ step: s.id, condition: 'started' as const }));
  if (removeOrphans) steps.push(...orphanVolumes.map((v) => volumeRemoval(v, replaced)));
  const same = new Set(unchanged);
  const kept = options.noRecreate
    ? desired.containers.filter(
        (c) => same.has(c.workload) && byWorkload.get(c.workload)?.some((o) => o.labels[LABEL.configHash] !== c.hash),
      )
    : [];
  const warnings = [
    ...dataWarnings(desired, observed, steps),
    ...kept.map((c) => `${c.workload}: its configuration changed, but --no-recreate keeps the running container`),
  ];
  const risks = desired.order.flatMap((w) => (containers.get(w)?.risks ?? []).map((r) => ({ workload: w, ...r })));
  return {
    project: desired.project,
    steps,
    unchanged,
    orphans: removeOrphans ? [] : orphans,
    orphanVolumes: removeOrphans ? [] : orphanVolumes,
    warnings,
    risks,
  };
}

/**
 * A targeted plan (`pond up a b`) sees only those workloads and the volumes they mount; dependencies
 * outside the targets are still awaited where they exist (wireNeeds reads the full desired state).
 */
function narrow(desired: DesiredState, targets: string[] | undefined): DesiredState {
  if (!targets) return desired;
  const keep = new Set(targets);
  const containers = desired.containers.filter((c) => keep.has(c.workload));
  const mounted = new Set(containers.flatMap((c) => c.spec.mounts.map((m) => (m.type === 'volume' ? m.source : ''))));
  return {
    ...desired,
    containers,
    order: desired.order.filter((w) => keep.has(w)),
    volumes: desired.volumes.filter((v) => mounted.has(v.name)),
    containerless: desired.containerless?.filter((w) => keep.has(w)),
  };
}

function containerStep(
  want: DesiredContainer,
  have: ObservedWorkload | undefined,
  options: PlanOptions,
  required: Set<Condition>,
): BringUp | undefined {
  const common = {
    id: `container:${want.workload}`,
    resource: 'container' as const,
    name: want.workload,
    engineName: want.spec.name,
    container: want,
    settle: false,
  };
  if (!have)
    return makeStep<ContainerCreate>({ ...common, action: 'create', cause: 'does not exist', reason: 'absent' });
  const sameConfig = have.labels[LABEL.configHash] === want.hash;
  if (have.name !== want.spec.name) {
    return makeStep<ContainerReplace>({
      ...common,
      action: 'replace',
      cause: `is named ${have.name}, left by an interrupted replace`,
      reason: 'interrupted-replace',
      observedId: have.id,
    });
  }
  if (options.forceRecreate || (!sameConfig && !options.noRecreate)) {
    const changes = options.forceRecreate ? [] : diffSpecs(parseSpecLabel(have), want.display);
    const cause = options.forceRecreate
      ? '--force-recreate'
      : changes.length
        ? changeCause(changes)
        : want.sharesNetworkOf
          ? `joins the network of ${want.sharesNetworkOf}, which is replaced`
          : 'configuration changed (written by another pond version)';
    const reason = replaceReason(options, changes, want);
    if (options.inPlaceUpdate)
      return makeStep<ContainerUpdate>({
        ...common,
        action: 'update',
        cause,
        reason,
        changes,
        observedId: have.id,
        version: have.version,
      });
    return makeStep<ContainerReplace>({ ...common, action: 'replace', cause, reason, changes, observedId: have.id });
  }
  const start = (action: ContainerStart['action'], cause: string, reason: Reason): ContainerStart =>
    makeStep<ContainerStart>({
      ...common,
      action,
      cause,
      reason,
      observedId: have.id,
      stopTimeoutSec: want.spec.stopTimeoutSec,
    });
  if (have.state === 'running' && options.heal && have.health === 'unhealthy')
    return start('restart', 'is unhealthy', 'unhealthy');
  if (have.state === 'running' || have.state === 'restarting') return undefined;
  if (want.job && have.state === 'exited' && have.exitCode === 0 && options.missingOutputs?.includes(want.workload))
    return start('start', 'its output file is missing', 'output-missing');
  if (have.state === 'exited' && have.exitCode === 0 && (required.has('completed') || want.job)) return undefined;
  if (have.state === 'exited' && options.stoppedByEngine?.includes(want.workload)) {
    return start(
      'start',
      `was stopped by the engine's restart (code ${have.exitCode ?? '?'}): not a finished job`,
      'engine-restarted',
    );
  }
  if (
    have.state === 'exited' &&
    have.exitCode === 0 &&
    options.heal &&
    (want.spec.restart === 'no' || want.spec.restart === 'on-failure')
  )
    return undefined;
  if (have.state === 'exited' && options.heal && want.job) return undefined; // a failed query re-runs when its SQL or inputs change, not in a loop
  if (have.state === 'exited') return start('start', `is exited (code ${have.exitCode ?? '?'})`, 'exited');
  return start('start', `is ${have.state}`, 'stopped');
}

/** Forced, an image change (whatever else changed with it), a peer's new namespace, or any other field. */
function replaceReason(options: PlanOptions, changes: string[], want: DesiredContainer): Reason {
  if (options.forceRecreate) return 'forced';
  if (changes.some((c) => c.startsWith('image:'))) return 'image-changed';
  if (!changes.length && want.sharesNetworkOf) return 'dependency-replaced';
  return 'config-changed';
}

/**
 * A running container that joins another's network namespace keeps the namespace it joined: when
 * that workload's container is created or started again, the joiner restarts to join the new one.
 */
function rejoin(
  want: DesiredContainer,
  have: ObservedWorkload | undefined,
  containerSteps: Map<string, BringUp>,
): BringUp | undefined {
  const peer = want.sharesNetworkOf;
  if (!peer || !have || have.state !== 'running') return undefined;
  const peerStep = containerSteps.get(`container:${peer}`);
  if (!peerStep || !['create', 'start', 'restart'].includes(peerStep.action)) return undefined;
  return makeStep<ContainerStart>({
    id: `container:${want.workload}`,
    action: 'restart',
    resource: 'container',
    name: want.workload,
    engineName: want.spec.name,
    container: want,
    settle: false,
    cause: `joins the network of ${peer}, which starts again`,
    reason: 'dependency-restarted',
    observedId: have.id,
    stopTimeoutSec: want.spec.stopTimeoutSec,
  });
}

/**
 * The scheduled bots `up` runs once now, as steps: each runs to completion after what it depends on
 * (wired like a container's needs). A targeted plan runs only the targeted ones.
 */
function botRuns(options: PlanOptions): { step: BotRun; want: DesiredContainer }[] {
  const due = (options.runOnUp ?? []).filter((r) => !options.targets || options.targets.includes(r.bot.workload));
  return [...due]
    .sort((a, b) => byText(a.bot.workload, b.bot.workload))
    .map(({ bot, why }) => ({
      want: bot,
      step: makeStep<BotRun>({
        id: `bot:${bot.workload}`,
        action: 'run',
        resource: 'bot',
        name: bot.workload,
        engineName: bot.spec.name,
        cause: why,
        reason: 'scheduled-run-on-up',
        reach: ['completed'],
      }),
    }));
}

function changeCause(changes: string[]): string {
  const [only] = changes;
  return changes.length === 1 && only !== undefined ? only : `${changes.length} fields changed`;
}

/** The conditions a container step reports, in order. Waiting for health is up's default (--wait). */
function reachFor(want: DesiredContainer, required: Set<Condition> | undefined, options: PlanOptions): Condition[] {
  const reach: Condition[] = ['started'];
  if (want.health && (options.wait || required?.has('healthy'))) reach.push('healthy');
  if (required?.has('completed') || want.job) reach.push('completed');
  return reach;
}

/** For each workload, the conditions its dependents wait for. */
function requiredConditions(desired: DesiredState): Map<string, Set<Condition>> {
  const out = new Map<string, Set<Condition>>();
  for (const c of desired.containers) {
    for (const [dep, cond] of Object.entries(c.dependsOn)) {
      const set = out.get(dep);
      if (set) set.add(cond);
      else out.set(dep, new Set([cond]));
    }
  }
  return out;
}

/** Each step that brings something up needs the network and volumes it uses and the steps of what it depends on, or awaits their containers. */
function wireNeeds(
  steps: Step[],
  wiring: { step: Step; want: DesiredContainer }[],
  desired: DesiredState,
  byWorkload: Map<string, ObservedWorkload[]>,
): void {
  const ids = new Set(steps.map((s) => s.id));
  const byName = new Map(desired.containers.map((c) => [c.workload, c]));
  const infra = steps.filter(
    (s): s is NetworkCreate | VolumeCreate => s.resource !== 'container' && s.action === 'create',
  );
  for (const { step, want } of wiring) {
    const needs: Need[] = infra.filter((s) => usesInfra(want, s)).map((s) => ({ step: s.id, condition: 'started' }));
    const awaits: Await[] = [];
    for (const [dep, condition] of Object.entries(want.dependsOn).sort(([a], [b]) => byText(a, b))) {
      const id = `container:${dep}`;
      if (ids.has(id)) needs.push({ step: id, condition });
      else if (condition !== 'started') {
        const target = byName.get(dep);
        const have = target && pickCurrent(byWorkload.get(dep) ?? [], target.spec.name);
        if (target && have)
          awaits.push({
            workload: dep,
            containerId: have.id,
            condition,
            ...(target.health && { health: target.health }),
          });
      }
    }
    step.needs = [...step.needs, ...needs];
    step.awaits = awaits;
  }
}

function usesInfra(want: DesiredContainer, infra: NetworkCreate | VolumeCreate): boolean {
  if (infra.resource === 'network') return want.spec.network === infra.engineName;
  return want.spec.mounts.some((m) => m.type === 'volume' && m.source === infra.engineName);
}
