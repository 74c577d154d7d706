import type { WorkloadStats } from '../types.js';
import type { Connection } from './connection.js';
import { EngineError } from '../../errors.js';
import { classify } from './errors.js';

interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/**
 * The subset of the engine's stats answer pond reads. cgroup v1 engines fill `memory_stats.stats`
 * with `total_*` counters; cgroup v2 engines only with the unprefixed ones (`inactive_file`).
 * Every field may be missing (a container that stopped mid-request answers zeros or nothing).
 */
export interface RawStats {
  /** "0001-01-01T00:00:00Z" when the container is not running: every counter is then zero. */
  read?: string;
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> | null };
  /** Per interface; absent for a container without a network (`network: none`). */
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  /** cgroup v1 spells the ops "Read"/"Write", cgroup v2 "read"/"write"; an empty list when nothing was read. */
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

/**
 * One sample computed as `docker stats` shows it. CPU: the container's share of the host's CPU time
 * between `precpu_stats` and `cpu_stats`, scaled by the CPUs online (so two busy CPUs read 200%); 0
 * when either delta is not positive. Memory: usage without the reclaimable page cache — cgroup v1's
 * `total_inactive_file`, else cgroup v2's `inactive_file`, each only when below the usage. Network:
 * summed over interfaces. Block I/O: summed over devices, by op whatever its case.
 */
export function computeStats(raw: RawStats): WorkloadStats {
  const nets = Object.values(raw.networks ?? {});
  return {
    cpuPercent: cpuPercent(raw),
    memoryBytes: memoryBytes(raw),
    memoryLimitBytes: raw.memory_stats?.limit ?? 0,
    netRxBytes: nets.reduce((sum, n) => sum + (n.rx_bytes ?? 0), 0),
    netTxBytes: nets.reduce((sum, n) => sum + (n.tx_bytes ?? 0), 0),
    blockReadBytes: blockBytes(raw, 'read'),
    blockWriteBytes: blockBytes(raw, 'write'),
    pids: raw.pids_stats?.current ?? 0,
  };
}

function blockBytes(raw: RawStats, op: 'read' | 'write'): number {
  const entries = raw.blkio_stats?.io_service_bytes_recursive ?? [];
  return entries.filter((e) => e.op?.toLowerCase() === op).reduce((sum, e) => sum + (e.value ?? 0), 0);
}

function cpuPercent(raw: RawStats): number {
  const now = raw.cpu_stats;
  const before = raw.precpu_stats;
  const cpuDelta = (now?.cpu_usage?.total_usage ?? 0) - (before?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (now?.system_cpu_usage ?? 0) - (before?.system_cpu_usage ?? 0);
  if (cpuDelta <= 0 || systemDelta <= 0) return 0;
  const cpus = now?.online_cpus || now?.cpu_usage?.percpu_usage?.length || 0;
  return (cpuDelta / systemDelta) * cpus * 100;
}

function memoryBytes(raw: RawStats): number {
  const usage = raw.memory_stats?.usage ?? 0;
  const counters = raw.memory_stats?.stats ?? {};
  for (const key of ['total_inactive_file', 'inactive_file']) {
    const cache = counters[key];
    if (cache !== undefined && cache < usage) return usage - cache;
  }
  return usage;
}

/**
 * One sample through the raw client. With `stream=false` (and no `one-shot`) dockerd 20.10 waits for
 * its collector's second tick (~1 s apart) and answers with `precpu_stats` filled from the first, so
 * one request gives a real interval; it takes 1–2 s, which is why callers sample containers in
 * parallel. (`one-shot=true` answers at once but with an empty `precpu_stats`: no CPU figure.)
 * A stopped container answers at once with zeros and a zero `read` time: that is an EngineError, not
 * a sample of 0 B.
 */
export async function stats(conn: Connection, id: string): Promise<WorkloadStats> {
  let raw: RawStats;
  try {
    raw = await conn.getJson<RawStats>(`/containers/${encodeURIComponent(id)}/stats?stream=false`);
  } catch (err) {
    throw classify(err, conn.endpoint, `stats of container ${id}`);
  }
  if (!raw.read || raw.read.startsWith('0001-'))
    throw new EngineError(`stats of container ${id} failed: the container is not running`, 409);
  return computeStats(raw);
}
