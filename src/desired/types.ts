import type { DataFacts, InitOnly } from '../workloads/kind.js';
import type { Risk } from './risks.js';
import type { Condition, TaskSpec, HealthSpec, NetworkSpec, VolumeSpec } from '../engine/types.js';

/** One container pond wants to exist, with everything the planner compares and the executor needs. */
export interface DesiredContainer {
  workload: string;
  spec: TaskSpec;
  /** sha256 over the container spec: equal hash ⇔ no replace needed. */
  hash: string;
  /** Redacted, user-shaped spec (the `dev.pond.spec` label), for naming changed fields. */
  display: Record<string, unknown>;
  dependsOn: Record<string, Condition>;
  health?: HealthSpec;
  /** Env its image reads only when initialising an empty data dir on this (engine-named) volume. */
  initOnly?: InitOnly;
  /** A database's storage and durability: what the plan warns a step or a setting risks. */
  data?: DataFacts;
  /** What it may do beyond pond's safe defaults (unsafe opt-ins, public ports, unpinned image): shown on every plan. */
  risks: Risk[];
  /** The workload whose network namespace this one joins (`network: workload:NAME`). */
  sharesNetworkOf?: string;
  /** Set for workloads that run to completion (a query): `up` waits for exit 0 within the timeout, and an exit 0 of the same config is done. */
  job?: { timeoutMs: number };
  /** A long-running workload with no readiness of its own (a bot): with --wait, `up` checks that it stays up a moment. */
  settles?: boolean;
  /** The `resources` keys set by the kind's defaults, not by the user: `pond config` says so. Not hashed, not in the label. */
  resourceDefaults?: string[];
}

export interface DesiredVolume extends VolumeSpec {
  /** The name in pond.yaml (`pgdata`), as opposed to the engine name (`project_pgdata`). */
  key: string;
}

/** Everything pond wants for one project. Pure data, sorted by name; `order` is dependencies first. */
export interface DesiredState {
  project: string;
  networks: NetworkSpec[];
  volumes: DesiredVolume[];
  containers: DesiredContainer[];
  order: string[];
  /** Workloads declared without a standing container (scheduled bots): a container they left is not an orphan, it goes. */
  containerless?: string[];
}
