// The JSON shapes between `pond ui`'s server (src/ui/server/) and its page (src/ui/page/), as
// their contract (src/ui/API.md) fixes them. Both sides import these; neither owns them.

/** A workload's state as the page shows it: always as text beside its colour, never colour alone. */
export type WorkloadState =
  | 'running'
  | 'starting'
  | 'healthy'
  | 'unhealthy'
  | 'exited'
  | 'failed'
  | 'created'
  | 'restarting'
  | 'missing'
  | 'scheduled'
  | 'completed';

/** One workload as observed, already redacted: the page renders it as is. */
export interface UiWorkload {
  name: string;
  kind: string; // a kind of pond's registry: database, notebook, query, bot, service, ...
  state: WorkloadState;
  health?: 'healthy' | 'unhealthy' | 'starting';
  restarts: number;
  exitCode?: number;
  oomKilled?: boolean;
  image: string;
  startedAt?: string;
  ports: { container: number; host: number; url?: string }[];
  links: { label: string; url: string }[];
  /** display hides the password as ••••; copy is the full URL only where `pond info` would show it. */
  connection?: { display: string; copy: string };
  resources: { memoryBytes?: number; cpus?: number };
  dependsOn: { name: string; condition: 'started' | 'healthy' | 'completed' }[];
  /** Scheduled bots: the next 3 fire times (ISO). */
  schedule?: { cron: string; next: string[] };
  /** The last 10 runs. */
  runs?: { id: string; startedAt: string; durationMs?: number; exitCode?: number; hasResults: boolean }[];
  /** The first 50 rows of the last output. */
  query?: { output?: string; inputHash?: string; ranAt?: string; columns: string[]; rows: unknown[][] };
}

/** The whole project as the page draws it; sent whole on every change so the page never merges deltas. */
export interface UiState {
  project: string;
  engine: string;
  watch: boolean;
  at: string;
  workloads: UiWorkload[];
  /** `from` depends on `to`. */
  edges: { from: string; to: string; condition: string }[];
  plan?: {
    steps: {
      id: string;
      action: string;
      name: string;
      cause: string;
      destructive: boolean;
      status: 'pending' | 'running' | 'done' | 'failed' | 'waiting-confirm';
    }[];
  };
}

/** The latest sample per workload, every 2 s while a page is connected. */
export interface UiStats {
  [workload: string]: { t: number; cpuPercent: number; memoryBytes: number; memoryLimitBytes: number };
}

/**
 * One log line, from one workload's stream: `event: line` on the page's one `/api/events` stream,
 * sent only for the workload its `logs` parameter names (or every one, for {@link ALL_LOGS}).
 */
export interface UiLogLine {
  workload: string;
  stream: 'stdout' | 'stderr';
  time?: string;
  text: string;
}

/** `/api/events?logs=*`: every workload's lines interleaved; `*` is no workload's name, so it cannot clash with one. */
export const ALL_LOGS = '*';

/** What a button's POST answers: shown to the user as is. */
export interface UiOutcome {
  ok: boolean;
  message: string;
  exitCode?: number;
}
