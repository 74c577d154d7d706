import type { Action, Reason, ResourceKind } from '../plan/types.js';

/** A step of a plan as the API reports it: what it acts on, without the engine-level details. */
export interface StepRef {
  /** Stable within one plan: `container:web`, `volume:data`, … */
  id: string;
  action: Action;
  resource: ResourceKind;
  /** The workload, or the volume's key in pond.yaml. */
  name: string;
}

/**
 * A plan as data: the same document `pond plan --format json` prints (stable keys, secrets already
 * replaced by `(sensitive)`), so a test can assert on it without parsing text.
 */
export interface PlanData {
  project: string;
  /** Whether `up` would change anything. */
  changes: boolean;
  summary: Record<string, number>;
  steps: (StepRef & {
    engine_name: string;
    cause: string;
    reason: Reason;
    changes: string[];
    destructive: boolean;
    needs: unknown[];
    risks: unknown[];
    best_effort?: string;
  })[];
  risks: unknown[];
  unchanged: string[];
  warnings: string[];
  orphans: { name: string; engine_name: string; id: string }[];
  orphan_volumes: { name: string; engine_name: string }[];
}

/**
 * Progress of `up` and `down`, delivered to `onEvent` instead of being drawn on a terminal: the API
 * never writes to stdout or stderr. `plan` comes first (once), then `step` events as the executor
 * walks the plan; `warning` carries configuration warnings and `log` a scheduled bot's run on `up`.
 */
export type PondEvent =
  | { type: 'plan'; plan: PlanData }
  | {
      type: 'step';
      step: StepRef;
      status: 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'cancelled' | 'progress' | 'reached' | 'warning';
      message?: string;
      error?: Error;
    }
  | { type: 'warning'; message: string }
  | { type: 'log'; message: string };

/** One published port of a workload's container, as the engine bound it. */
export interface PublishedPort {
  container: number;
  host: number;
  hostIp: string;
  protocol: string;
}

/** A workload's container as `info()` sees it: `missing` when it has none. */
export interface WorkloadInfo {
  workload: string;
  kind: string;
  state: string;
  id?: string;
  ports: PublishedPort[];
}
