import type { WorkloadStats, ObservedWorkload, ObservedState } from '../engine/types.js';
import { LABEL } from '../labels.js';
import { DEFAULT_KIND } from '../workloads/registry.js';
import { formatMemory, formatPercent, formatUptime, uptimeSeconds } from './stats.js';
import { byText } from '../canonical.js';

/** One row of `pond ps` and of the table `pond up` ends with. Keys are snake_case: they are the JSON scripts read. */
export interface WorkloadStatus {
  workload: string;
  kind: string;
  container: string;
  id: string;
  state: string;
  health: string;
  /** The last exit code, for exited and restarting containers. */
  exit_code?: number;
  /** For exited and restarting containers whose details were inspected (ps): whether the kernel killed the last run for exceeding its memory limit. */
  oom_killed?: boolean;
  ports: string[];
  image: string;
  started_at?: string;
  restarts: number;
  /** On a cluster: each instance (task), the node it runs on, its state and, when not running, why. */
  instances?: { node: string; state: string; message?: string }[];
}

/** Rows from one snapshot, by workload name; declared workloads without a container show "missing". */
export function statusRows(observed: ObservedState, declared: string[] = []): WorkloadStatus[] {
  const rows = observed.workloads.map(toRow);
  for (const w of declared) {
    if (!rows.some((r) => r.workload === w))
      rows.push({
        workload: w,
        kind: 'service',
        container: '',
        id: '',
        state: 'missing',
        health: '',
        ports: [],
        image: '',
        restarts: 0,
      });
  }
  return rows.sort((a, b) => byText(a.workload, b.workload) || byText(a.container, b.container));
}

function toRow(c: ObservedWorkload): WorkloadStatus {
  return {
    workload: c.labels[LABEL.workload] ?? c.name,
    kind: c.labels[LABEL.kind] ?? DEFAULT_KIND,
    container: c.name,
    id: c.id.slice(0, 12),
    state: stateText(c),
    health: c.health ?? '',
    ...(c.exitCode !== undefined && { exit_code: c.exitCode }),
    ...(stopped(c) && c.oomKilled !== undefined && { oom_killed: c.oomKilled }),
    ports: c.ports.map((p) => `${p.hostIp}:${p.host}->${p.container}/${p.protocol}`),
    image: c.image,
    ...(c.startedAt && { started_at: c.startedAt }),
    restarts: c.restartCount,
    ...(c.instances.some((i) => i.node) && {
      instances: c.instances.map((i) => ({
        node: i.node ?? '?',
        state: i.state,
        ...(i.message && { message: i.message }),
      })),
    }),
  };
}

/** Where a cluster workload's tasks are: "2/2 on node-1, node-3", or what holds one back ("0/1: no suitable node ..."). */
export function nodesCell(r: WorkloadStatus): string {
  const all = r.instances ?? [];
  if (all.length === 0) return '-';
  const running = all.filter((i) => i.state === 'running');
  const head = `${running.length}/${all.length}`;
  const where = running.length ? ` on ${[...new Set(running.map((i) => i.node))].sort().join(', ')}` : '';
  const held = all.find((i) => i.state !== 'running' && i.message);
  const why = held
    ? `${where ? ';' : ':'} ${held.message!.length > 60 ? `${held.message!.slice(0, 57)}...` : held.message}`
    : '';
  return `${head}${where}${why}`;
}

/**
 * The STATE cell: how a stopped or restarting container last ended, since that is what to look at
 * next: "exited (137, OOM-killed)", "restarting (exit 1, 3 restarts)". The restart count comes from
 * inspect only (the list API says 0), so a count of 0 is left out rather than shown wrong.
 */
export function stateText(c: ObservedWorkload): string {
  const oom = c.oomKilled ? ', OOM-killed' : '';
  if (c.state === 'exited' || c.state === 'dead') return `${c.state} (${c.exitCode ?? '?'}${oom})`;
  if (c.state !== 'restarting') return c.state;
  const restarts = c.restartCount === 0 ? '' : c.restartCount === 1 ? ', 1 restart' : `, ${c.restartCount} restarts`;
  return `restarting (exit ${c.exitCode ?? '?'}${oom}${restarts})`;
}

function stopped(c: ObservedWorkload): boolean {
  return c.state === 'exited' || c.state === 'dead' || c.state === 'restarting';
}

export function statusTable(rows: WorkloadStatus[]): string[][] {
  return [
    ['WORKLOAD', 'STATE', 'HEALTH', 'PORTS', 'IMAGE', 'CONTAINER'],
    ...rows.map((r) => [
      r.workload,
      r.state,
      r.health || '-',
      r.ports.join(', ') || '-',
      r.image || '-',
      r.container ? `${r.container} (${r.id})` : '-',
    ]),
  ];
}

/**
 * A `pond ps` row: a status row plus what ps measures at the moment it runs. `uptime_seconds` only
 * for running containers; the resource figures only with `--stats` and only for running containers
 * whose sample succeeded. The new keys are snake_case (the names ps's JSON promises); the older
 * camelCase keys of `WorkloadStatus` are kept as they are so existing scripts keep working.
 */
export interface PsRow extends WorkloadStatus {
  uptime_seconds?: number;
  /** For workloads with ready_when: starting, ready, responding or not responding (checked now). */
  readiness?: string;
  /** Restarts done by a running `pond up --watch` (included in `restarts`). */
  self_heal_restarts?: number;
  cpu_percent?: number;
  memory_bytes?: number;
  memory_limit_bytes?: number;
}

/** Adds uptime (from `now`) and the samples in `stats`, keyed by container name. Pure. */
export function psRows(
  rows: WorkloadStatus[],
  now: Date,
  stats: ReadonlyMap<string, WorkloadStats> = new Map(),
): PsRow[] {
  return rows.map((r) => {
    if (r.state !== 'running') return r;
    const uptime = r.started_at ? uptimeSeconds(r.started_at, now) : undefined;
    const s = stats.get(r.container);
    return {
      ...r,
      ...(uptime !== undefined && { uptime_seconds: uptime }),
      ...(s && {
        cpu_percent: Math.round(s.cpuPercent * 100) / 100,
        memory_bytes: s.memoryBytes,
        memory_limit_bytes: s.memoryLimitBytes,
      }),
    };
  });
}

/**
 * The `pond ps` table. CONTAINER is the short id: the name is always `<project>-<workload>` and so
 * adds width, not information. PORTS comes last because it is the only column of unbounded width.
 * With `stats`, CPU % and MEM take the place of IMAGE and CONTAINER (static facts that plain `pond ps`
 * and the JSON still show), so a row with one published port stays within 100 columns.
 */
export function psTable(rows: PsRow[], opts: { stats?: boolean } = {}): string[][] {
  const middle = opts.stats ? ['CPU %', 'MEM'] : ['IMAGE', 'CONTAINER'];
  const cluster = rows.some((r) => r.instances);
  return [
    ['WORKLOAD', 'STATE', ...(cluster ? ['TASKS'] : []), 'HEALTH', 'UPTIME', 'RESTARTS', ...middle, 'PORTS'],
    ...rows.map((r) => {
      const cells = psCells(r, !!opts.stats);
      return cluster ? [cells[0]!, cells[1]!, nodesCell(r), ...cells.slice(2)] : cells;
    }),
  ];
}

function psCells(r: PsRow, stats: boolean): string[] {
  const { cpu_percent: cpu, memory_bytes: used, memory_limit_bytes: limit } = r;
  const figures =
    cpu !== undefined && used !== undefined && limit !== undefined
      ? [formatPercent(cpu), formatMemory(used, limit)]
      : ['-', '-'];
  return [
    r.workload,
    r.state,
    r.health || '-',
    r.uptime_seconds !== undefined ? formatUptime(r.uptime_seconds) : '-',
    r.state === 'missing' ? '-' : String(r.restarts),
    ...(stats ? figures : [r.image || '-', r.id || '-']),
    r.ports.join(', ') || '-',
  ];
}
