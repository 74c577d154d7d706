import type { Condition, HealthSpec, NetworkSpec, VolumeSpec } from '../engine/types.js';
import type { DesiredContainer } from '../desired/types.js';
import type { Risk } from '../desired/risks.js';

/** A risk of one workload, as a plan lists it. */
export interface WorkloadRisk extends Risk {
  workload: string;
}

export type Action = 'create' | 'replace' | 'start' | 'restart' | 'stop' | 'kill' | 'remove';
export type ResourceKind = 'container' | 'volume' | 'network';

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
 * One change. The executor performs it without deciding anything: which engine calls follow from
 * `action` and `resource`, and `reach` lists the conditions it must report, in order (the last one
 * is when the step counts as done).
 */
export interface Step {
  id: string;
  action: Action;
  resource: ResourceKind;
  /** Name as the user knows it: the workload, or the volume's key in pond.yaml. */
  name: string;
  engineName: string;
  cause: string;
  /** On a replace: each changed field, "env.MODE: "dev" → "prod"" (secrets: "(sensitive) changed"). */
  changes: string[];
  /** Loses data that lives in a persistent volume. */
  destructive: boolean;
  needs: Need[];
  awaits: Await[];
  reach: Condition[];
  /**
   * A long-running bot `up` has no readiness check to wait for: it must still be running a moment
   * after it started (a crash at once fails the step instead of counting as started). Plain services
   * are not held back by it: that window would sit on every cold `up`.
   */
  settle?: boolean;
  container?: DesiredContainer;
  network?: NetworkSpec;
  volume?: VolumeSpec;
  /** The existing container (start, replace, remove). */
  observedId?: string;
  /** How long a container being stopped, restarted or removed gets to stop (its own stop_grace_period, or -t). */
  stopTimeoutSec?: number;
  /** The signal a `kill` step sends. */
  signal?: string;
}

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
   * `pond up a b`: the only workloads the plan may touch (already widened to their dependencies unless
   * --no-deps). Orphans are listed but never removed on a targeted run. Undefined: the whole project.
   */
  targets?: string[];
}

export interface DownOptions {
  volumes: boolean;
}
