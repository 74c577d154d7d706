import type { ObservedWorkload } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import { stateText } from './status.js';
import { formatUptime, uptimeSeconds } from './stats.js';
import { containerOf } from '../session/connection-info.js';

/**
 * What `pond info` says about one workload's container, so one command answers "what runs, since
 * when, which process": docker inspect's Id and State.Pid, verbatim. Keys are snake_case (JSON).
 */
export interface ContainerInfo {
  workload: string;
  kind: string;
  state: string;
  /** The full container id (short in the table). */
  id?: string;
  /** The main process on the host, while it runs. */
  pid?: number;
  started_at?: string;
  uptime_seconds?: number;
}

/** One row per declared workload, with its (inspected) container when it has one. Pure. */
export function containerInfos(workloads: WorkloadSpec[], containers: ObservedWorkload[], now: Date): ContainerInfo[] {
  return workloads.map((w) => {
    const c = containerOf(containers, w.name);
    if (!c) return { workload: w.name, kind: w.kind, state: 'missing' };
    const uptime = c.state === 'running' && c.startedAt ? uptimeSeconds(c.startedAt, now) : undefined;
    return {
      workload: w.name,
      kind: w.kind,
      state: stateText(c),
      id: c.id,
      ...(c.pid && { pid: c.pid }),
      ...(c.startedAt && { started_at: c.startedAt }),
      ...(uptime !== undefined && { uptime_seconds: uptime }),
    };
  });
}

/** The table rows of the containers section. */
export function containerTable(rows: ContainerInfo[]): string[][] {
  return [
    ['WORKLOAD', 'STATE', 'CONTAINER', 'PID', 'STARTED', 'UPTIME'],
    ...rows.map((r) => [
      r.workload,
      r.state,
      r.id?.slice(0, 12) ?? '-',
      r.pid ? String(r.pid) : '-',
      r.started_at ?? '-',
      r.uptime_seconds !== undefined ? formatUptime(r.uptime_seconds) : '-',
    ]),
  ];
}
