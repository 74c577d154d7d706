import type { Condition, HealthSpec, NetworkSpec, VolumeSpec } from '../engine/types.js';
import type { DesiredContainer } from '../desired/types.js';
import type { Risk } from '../desired/risks.js';

/** A risk of one workload, as a plan lists it. */
export interface WorkloadRisk extends Risk {
  workload: string;
}

export type Action = 'create' | 'replace' | 'update' | 'start' | 'restart' | 'stop' | 'kill' | 'remove' | 'run';
export type ResourceKind = 'container' | 'volume' | 'network' | 'bot';

/**
 * Why a step is in the plan, for scripts (Terraform's action_reason): one code per kind of cause,
 * stable across pond versions, beside the human `cause` that may name fields and values.
 */
export type Reason =
  | 'absent'
  | 'interrupted-replace'
  | 'forced'
  | 'config-changed'
  | 'image-changed'
  | 'dependency-replaced'
  | 'dependency-restarted'
  | 'unhealthy'
  | 'output-missing'
  | 'engine-restarted'
  | 'exited'
  | 'stopped'
  | 'leftover'
  | 'now-scheduled'
  | 'abandoned-run'
  | 'orphan'
  | 'requested'
  | 'with-dependents'
  | 'scheduled-run-on-up';

/** A dependency of a step on another step of the same plan reaching a condition. */
export interface Need {
  step: string;
  condition: Condition;
}

/** A dependency on a container the plan leaves alone but must be ready before this step starts. */
export interface Await {
  workload: string;
  containerId: string;
  condition: Condition;
  health?: HealthSpec;
}

/**
 * What every step has. The executor performs a step without deciding anything: which engine calls
 * follow from its variant, and `reach` lists the conditions it must report, in order (the last one
 * is when the step counts as done).
 */
export interface StepBase {
  /** Unique in its plan, for needs and progress; never parsed: every name a step acts on is a field of its own. */
  id: string;
  /** Name as the user knows it: the workload, or the volume's key in pond.yaml. */
  name: string;
  engineName: string;
  cause: string;
  reason: Reason;
  /** On a replace: each changed field, "env.MODE: "dev" → "prod"" (secrets: "(sensitive) changed"). */
  changes: string[];
  /** Loses data that lives in a persistent volume. */
  destructive: boolean;
  needs: Need[];
  awaits: Await[];
  reach: Condition[];
}

/** What a step that brings a container up waits for after it started. */
interface Settles {
  /**
   * A long-running bot `up` has no readiness check to wait for: it must still be running a moment
   * after it started (a crash at once fails the step instead of counting as started). Plain services
   * are not held back by it: that window would sit on every cold `up`.
   */
  settle: boolean;
}

export interface NetworkCreate extends StepBase {
  resource: 'network';
  action: 'create';
  network: NetworkSpec;
}

/**
 * The planner decides whether a failure may be tolerated: a network the engine will not remove
 * (DESIGN §7: "has active endpoints" after a mass teardown) must not fail `down`.
 */
export interface NetworkRemove extends StepBase {
  resource: 'network';
  action: 'remove';
  /** Why a failure only warns; false: a failure fails the step. */
  bestEffort: string | false;
}

export interface VolumeCreate extends StepBase {
  resource: 'volume';
  action: 'create';
  volume: VolumeSpec;
}

export interface VolumeRemove extends StepBase {
  resource: 'volume';
  action: 'remove';
}

export interface ContainerCreate extends StepBase, Settles {
  resource: 'container';
  action: 'create';
  container: DesiredContainer;
}

/** Creates the new container before it stops and removes `observedId` (see apply/actions.ts). */
export interface ContainerReplace extends StepBase, Settles {
  resource: 'container';
  action: 'replace';
  container: DesiredContainer;
  observedId: string;
}

/**
 * Changes an existing workload's spec in place, where the backend can (a Swarm service update, rolled
 * out and rolled back by the engine): same id, new version. `version` is the one this plan observed:
 * a workload changed since is refused, and the next plan starts from what is there.
 */
export interface ContainerUpdate extends StepBase, Settles {
  resource: 'container';
  action: 'update';
  container: DesiredContainer;
  observedId: string;
  version: string;
}

/** Starts (or stops, then starts) an existing container. */
export interface ContainerStart extends StepBase, Settles {
  resource: 'container';
  action: 'start' | 'restart';
  observedId: string;
  /** How long it gets to stop on a restart (its own stop_grace_period, or -t). */
  stopTimeoutSec: number;
  /**
   * What it was made from, to make it again when the engine cannot start it (a stale task). Null
   * when it was made from another configuration (`pond start` of a changed workload): then a start
   * must not silently become a replace.
   */
  container: DesiredContainer | null;
}

/** Stops an existing container, or stops and removes it (its last output kept first). */
export interface ContainerStop extends StepBase {
  resource: 'container';
  action: 'stop' | 'remove';
  observedId: string;
  stopTimeoutSec: number;
}

export interface ContainerKill extends StepBase {
  resource: 'container';
  action: 'kill';
  observedId: string;
  signal: string;
}

/**
 * One run of a scheduled bot, to the end (`up` proves a new or changed one). The run itself is the
 * bots layer's (see ApplyOptions.runBot); the step only says which bot and when.
 */
export interface BotRun extends StepBase {
  resource: 'bot';
  action: 'run';
}

/** One change. Each variant carries exactly what its engine calls need. */
export type Step =
  | NetworkCreate
  | NetworkRemove
  | VolumeCreate
  | VolumeRemove
  | ContainerCreate
  | ContainerReplace
  | ContainerUpdate
  | ContainerStart
  | ContainerStop
  | ContainerKill
  | BotRun;

/** A step that acts on a container the plan wants (not a removal): the one `needs` and `awaits` are wired for. */
export type BringUp = ContainerCreate | ContainerReplace | ContainerUpdate | ContainerStart;

/** A step that acts on an existing container. */
export type OnContainer = ContainerReplace | ContainerUpdate | ContainerStart | ContainerStop | ContainerKill;

export interface Orphan {
  name: string;
  engineName: string;
  id: string;
  stopTimeoutSec: number;
}

/** A volume pond made for this project that pond.yaml no longer declares. */
export interface OrphanVolume {
  /** The key it had in pond.yaml. */
  name: string;
  engineName: string;
}

/** A plan is a value: same inputs, byte-identical plan. */
export interface Plan {
  project: string;
  steps: Step[];
  /** Workloads already as desired. */
  unchanged: string[];
  /** Containers of this project that pond.yaml no longer names and that this plan keeps. */
  orphans: Orphan[];
  /** Volumes of this project that pond.yaml no longer declares and that this plan keeps (with their data). */
  orphanVolumes?: OrphanVolume[];
  /** Things the plan does that will not do what the user may expect (printed, never blocking). */
  warnings: string[];
  /** Every desired workload's risks (unsafe opt-ins, public ports, unpinned images), changed or not: always visible. */
  risks?: WorkloadRisk[];
}

export interface PlanOptions {
  forceRecreate: boolean;
  noRecreate: boolean;
  removeOrphans: boolean;
  /** Wait until every started workload with a health check is healthy (up's default). */
  wait: boolean;
  /**
   * Watch mode's self-healing: restart containers the engine reports unhealthy, and leave alone a
   * container that exited 0 under `restart: no` or `on-failure` (it finished; it did not crash).
   */
  heal?: boolean;
  /** Finished queries whose output file is gone: run again, like make with a missing target. */
  missingOutputs?: string[];
  /** Ids of one-off run containers whose pond process is gone (killed): removed, since nobody waits for them. */
  abandonedRuns?: string[];
  /**
   * Watch mode, after the engine was unreachable: workloads that were running before. An exit 0 of
   * theirs is the engine's shutdown, not a finished job, so they are started again (queries and
   * `completed` targets excepted: those are meant to end).
   */
  stoppedByEngine?: string[];
  /**
   * Scheduled bots `up` runs once now (new, or changed since their last run) with why, and the
   * template their runs are made from (its depends_on, network and volumes become the step's needs).
   */
  runOnUp?: { bot: DesiredContainer; why: string }[];
  /**
   * `pond up a b`: the only workloads the plan may touch (already widened to their dependencies unless
   * --no-deps). Orphans are listed but never removed on a targeted run. Undefined: the whole project.
   */
  targets?: string[];
  /** The backend changes a workload in place (Swarm): a changed workload is updated, never replaced. */
  inPlaceUpdate?: boolean;
}

export interface DownOptions {
  volumes: boolean;
}
