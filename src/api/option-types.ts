import type { DatabaseInfo, NotebookInfo, ServiceInfo } from '../session/connection-info.js';
import type { PlanData, PondEvent, WorkloadInfo } from './types.js';

/** Where the project is and what it is called; everything else is read from its files. */
export interface LoadOptions {
  /** pond.yaml (a path, relative to `cwd`, or a file: URL); several are merged like `pond -f a -f b`. */
  file: string | URL | (string | URL)[];
  /** Overrides `name:`; give each test run its own so runs side by side never share containers. */
  projectName?: string;
  /**
   * The environment pond sees (`${VAR}`, DOCKER_HOST/DOCKER_CONTEXT, POND_LOCK_DIR, HOME for `~`), added
   * to (and winning over) the caller's process.env, as the CLI would see it.
   */
  env?: Record<string, string | undefined>;
  /** Relative `file` paths resolve against it; default process.cwd(). */
  cwd?: string;
}

/** What the plan may do besides converging: the flags of `pond plan` / `pond up`. */
export interface PlanOptions {
  /** Only these workloads and (unless `noDeps`) what they depend on. */
  workloads?: string[];
  noDeps?: boolean;
  forceRecreate?: boolean;
  noRecreate?: boolean;
  /** Remove containers of workloads no longer in pond.yaml (not with `workloads`). */
  removeOrphans?: boolean;
}

export interface UpOptions extends PlanOptions {
  /** Progress instead of terminal output; a listener that throws is ignored. */
  onEvent?: (event: PondEvent) => void;
  /** Stops starting new steps (in-flight engine calls finish); `up` then throws InterruptedError. */
  signal?: AbortSignal;
  /** Wait for health checks and `ready_when` (default true), like `pond up --wait`. */
  wait?: boolean;
  /** How long each workload may take to become ready (default 120 000). */
  waitTimeoutMs?: number;
  /** How long to wait for another pond holding the project's lock (default 0: throw LockHeldError at once). */
  lockTimeoutMs?: number;
  /** Engine calls in flight at once (default 16). */
  concurrency?: number;
  /** Apply steps that delete persistent data (`pond up --yes`); otherwise such a plan throws UsageError, touching nothing. */
  allowDataLoss?: boolean;
}

export interface DownOptions {
  /** Also delete the project's named volumes and their data (`pond down --volumes --yes`). */
  volumes?: boolean;
  onEvent?: (event: PondEvent) => void;
  signal?: AbortSignal;
  lockTimeoutMs?: number;
  concurrency?: number;
}

export interface InfoOptions {
  /** Include database passwords (in `password` and the URLs); hidden as `****` otherwise. */
  reveal?: boolean;
  /** Only these workloads; an unknown name throws UsageError. */
  workloads?: string[];
}

/** What `up` did: the plan it applied (`changes: false` when there was nothing to do). */
export interface UpResult {
  plan: PlanData;
}

/** What `down` removed, and the volumes it kept (all of them unless `volumes: true`). */
export interface DownResult {
  plan: PlanData;
  keptVolumes: string[];
}

/**
 * How to reach the project from this machine, as `pond info --format json` says it: connection
 * facts come from the config, published ports and container states from one engine snapshot.
 */
export interface ProjectInfo {
  project: string;
  databases: DatabaseInfo[];
  notebooks: NotebookInfo[];
  services: ServiceInfo[];
  workloads: WorkloadInfo[];
  /** Every other kind's section of `pond info`, under its JSON key (KindInfo.section). */
  [section: string]: unknown;
}
