import type { UiLogLine, UiState, UiWorkload } from '../../src/ui/types.js';

const base = { restarts: 0, ports: [], links: [], resources: {}, dependsOn: [] } satisfies Partial<UiWorkload>;
const at = '2026-12-01T10:00:00.000Z';

/** A stack like examples/analytics: one workload of every kind, with dependencies between them. */
export function analyticsState(): UiState {
  const workloads: UiWorkload[] = [
    {
      ...base,
      name: 'warehouse',
      kind: 'database',
      state: 'running',
      health: 'healthy',
      image: 'postgres:15',
      startedAt: at,
      ports: [{ container: 5432, host: 54320 }],
      resources: { memoryBytes: 512 * 2 ** 20, cpus: 1 },
      connection: {
        display: 'postgres://pond:••••@127.0.0.1:54320/warehouse',
        copy: 'postgres://pond:s3cret@127.0.0.1:54320/warehouse',
      },
    },
    {
      ...base,
      name: 'explore',
      kind: 'notebook',
      state: 'running',
      image: 'python:3.11-slim',
      startedAt: at,
      ports: [{ container: 8888, host: 8888, url: 'http://127.0.0.1:8888/' }],
      links: [{ label: 'notebook', url: 'http://127.0.0.1:8888/?token=nb-token' }],
      dependsOn: [{ name: 'warehouse', condition: 'healthy' }],
    },
    {
      ...base,
      name: 'daily-sales',
      kind: 'query',
      state: 'completed',
      exitCode: 0,
      image: 'node:20-slim',
      dependsOn: [{ name: 'warehouse', condition: 'healthy' }],
      query: {
        output: 'out/daily_sales.csv',
        ranAt: at,
        inputHash: 'a1b2c3d4e5f6a7b8',
        columns: ['day', 'sales'],
        rows: [
          ['2026-11-29', 1200],
          ['2026-11-30', 1350],
        ],
      },
    },
    {
      ...base,
      name: 'trader',
      kind: 'bot',
      state: 'running',
      restarts: 2,
      exitCode: 137,
      oomKilled: true,
      image: 'python:3.11-slim',
      startedAt: at,
      resources: { memoryBytes: 128 * 2 ** 20 },
      dependsOn: [{ name: 'warehouse', condition: 'started' }],
    },
    {
      ...base,
      name: 'report',
      kind: 'bot',
      state: 'scheduled',
      image: 'python:3.11-slim',
      schedule: {
        cron: '*/5 * * * *',
        next: ['2026-12-01T10:05:00.000Z', '2026-12-01T10:10:00.000Z', '2026-12-01T10:15:00.000Z'],
      },
      runs: [
        { id: 'r1', startedAt: '2026-12-01T09:55:00.000Z', durationMs: 4200, exitCode: 0, hasResults: true },
        { id: 'r0', startedAt: '2026-12-01T09:50:00.000Z', durationMs: 3900, exitCode: 1, hasResults: false },
      ],
      dependsOn: [{ name: 'daily-sales', condition: 'completed' }],
    },
    {
      ...base,
      name: 'web',
      kind: 'service',
      state: 'running',
      health: 'starting',
      image: 'node:20-slim',
      startedAt: at,
      ports: [{ container: 3000, host: 3000, url: 'http://127.0.0.1:3000/' }],
      dependsOn: [{ name: 'warehouse', condition: 'healthy' }],
    },
  ];
  const edges = workloads.flatMap((w) =>
    w.dependsOn.map((d) => ({ from: w.name, to: d.name, condition: d.condition })),
  );
  return { project: 'analytics', engine: 'docker 20.10', watch: false, at, workloads, edges };
}

/** n services in chains of five, for the timing measurements. */
export function manyState(n: number): UiState {
  const workloads: UiWorkload[] = Array.from({ length: n }, (_, i) => ({
    ...base,
    name: `svc-${String(i).padStart(2, '0')}`,
    kind: 'service',
    state: 'running',
    image: 'busybox:1.35',
    dependsOn: i % 5 === 0 ? [] : [{ name: `svc-${String(i - 1).padStart(2, '0')}`, condition: 'started' }],
  }));
  const edges = workloads.flatMap((w) =>
    w.dependsOn.map((d) => ({ from: w.name, to: d.name, condition: d.condition })),
  );
  return { project: 'many', engine: 'docker 20.10', watch: false, at, workloads, edges };
}

/** A state with one workload's state (and health) changed, as the next `event: state` would carry. */
export function withState(
  s: UiState,
  name: string,
  state: UiWorkload['state'],
  health?: UiWorkload['health'],
): UiState {
  return {
    ...s,
    at: new Date().toISOString(),
    workloads: s.workloads.map((w) => (w.name === name ? { ...w, state, health } : w)),
  };
}

export const TAIL: UiLogLine[] = [
  { workload: 'warehouse', stream: 'stdout', text: 'database system is ready to accept connections' },
  { workload: 'web', stream: 'stdout', text: 'listening on :3000' },
  { workload: 'trader', stream: 'stderr', text: 'warning: order book stale, retrying' },
  { workload: 'explore', stream: 'stdout', text: 'Jupyter Server is running at http://127.0.0.1:8888/' },
];
