import type { ObservedContainer, ObservedState } from '../engine/types.js';
import { LABEL } from '../desired/labels.js';

/** One row of `pond ps` and of the table `pond up` ends with. */
export interface WorkloadStatus {
  workload: string;
  kind: string;
  container: string;
  id: string;
  state: string;
  health: string;
  exitCode?: number;
  ports: string[];
  image: string;
  startedAt?: string;
  restarts: number;
}

/** Rows from one snapshot, by workload name; declared workloads without a container show "missing". */
export function statusRows(observed: ObservedState, declared: string[] = []): WorkloadStatus[] {
  const rows = observed.containers.map(toRow);
  for (const w of declared) {
    if (!rows.some((r) => r.workload === w)) rows.push({ workload: w, kind: 'service', container: '', id: '', state: 'missing', health: '', ports: [], image: '', restarts: 0 });
  }
  return rows.sort((a, b) => a.workload.localeCompare(b.workload) || a.container.localeCompare(b.container));
}

function toRow(c: ObservedContainer): WorkloadStatus {
  return {
    workload: c.labels[LABEL.workload] ?? c.name,
    kind: c.labels[LABEL.kind] ?? 'service',
    container: c.name,
    id: c.id.slice(0, 12),
    state: c.state === 'exited' ? `exited (${c.exitCode ?? '?'})` : c.state,
    health: c.health ?? '',
    ...(c.exitCode !== undefined && { exitCode: c.exitCode }),
    ports: c.ports.map((p) => `${p.hostIp}:${p.host}->${p.container}/${p.protocol}`),
    image: c.image,
    ...(c.startedAt && { startedAt: c.startedAt }),
    restarts: c.restartCount,
  };
}

export function statusTable(rows: WorkloadStatus[]): string[][] {
  return [['WORKLOAD', 'STATE', 'HEALTH', 'PORTS', 'IMAGE', 'CONTAINER'], ...rows.map((r) => [r.workload, r.state, r.health || '-', r.ports.join(', ') || '-', r.image || '-', r.container ? `${r.container} (${r.id})` : '-'])];
}
