/**
 * The JSON the `pond ui` server sends and the page reads (src/ui/API.md is the contract). Both sides
 * import these types, so a change here is a change of the contract: tell the lead first.
 */

/** The text shown beside a workload's colour: the engine's state, or pond's own (missing, scheduled, completed). */
export type WorkloadState = 'running' | 'starting' | 'healthy' | 'unhealthy' | 'exited' | 'failed' | 'created'
  | 'restarting' | 'missing' | 'scheduled' | 'completed';

/** One workload as the page draws it; every value already redacted (no secret reaches the page). */
export interface UiWorkload {
  name: string; kind: 'database' | 'notebook' | 'query' | 'bot' | 'service';
  state: WorkloadState;
  health?: 'healthy' | 'unhealthy' | 'starting';
  restarts: number; exitCode?: number; oomKilled?: boolean; image: string; startedAt?: string;
  ports: { container: number; host: number; url?: string }[];
  links: { label: string; url: string }[];
  /** display has the password as ••••; copy is the full URL only if the user may see it (as `pond info`), else display. */
  connection?: { display: string; copy: string };
  resources: { memoryBytes?: number; cpus?: number };
  dependsOn: { name: string; condition: 'started' | 'healthy' | 'completed' }[];
  /** Scheduled bots: the next 3 fire times (ISO). */
  schedule?: { cron: string; next: string[] };
  /** The last 10 runs, newest first. */
  runs?: { id: string; startedAt: string; durationMs?: number; exitCode?: number; hasResults: boolean }[];
  /** The first 50 rows of the query's output. */
  query?: { output?: string; inputHash?: string; ranAt?: string; columns: string[]; rows: unknown[][] };
}

/** The whole dashboard at one instant: sent at connect and after every engine change. */
export interface UiState {
  project: string; engine: string; watch: boolean; at: string;
  workloads: UiWorkload[];
  /** `from` depends on `to`. */
  edges: { from: string; to: string; condition: string }[];
  plan?: { steps: { id: string; action: string; name: string; cause: string; destructive: boolean;
                    status: 'pending' | 'running' | 'done' | 'failed' | 'waiting-confirm' }[] };
}

/** One resource sample per running workload, every 2 s while a client listens. */
export interface UiStats { [workload: string]: { t: number; cpuPercent: number; memoryBytes: number; memoryLimitBytes: number } }

/** One line a workload printed (`event: line` on /api/logs). */
export interface UiLogLine { workload: string; stream: 'stdout' | 'stderr'; time?: string; text: string }

/** The answer to every POST: whether the action worked, in words. */
export interface UiOutcome { ok: boolean; message: string; exitCode?: number }
