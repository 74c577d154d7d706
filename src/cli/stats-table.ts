import type { WorkloadStats } from '../engine/types.js';
import { formatIo, formatMemory, formatPercent, memoryPercent } from './stats.js';

/** One workload in one `pond stats` sample; `stats` is absent when it is not running (or its sample failed). */
export interface StatsSample {
  workload: string;
  container: string;
  state: string;
  stats?: WorkloadStats;
}

/**
 * The JSON row of `pond stats --format json`: snake_case like `pond ps`, raw numbers (bytes, percent),
 * and null figures for a workload that is not running, so every row has the same keys.
 */
export interface StatsRow {
  workload: string;
  container: string;
  state: string;
  cpu_percent: number | null;
  memory_bytes: number | null;
  memory_limit_bytes: number | null;
  memory_percent: number | null;
  net_rx_bytes: number | null;
  net_tx_bytes: number | null;
  block_read_bytes: number | null;
  block_write_bytes: number | null;
  pids: number | null;
}

const round = (n: number): number => Math.round(n * 100) / 100;

export function statsRow(s: StatsSample): StatsRow {
  const t = s.stats;
  return {
    workload: s.workload,
    container: s.container,
    state: s.state,
    cpu_percent: t ? round(t.cpuPercent) : null,
    memory_bytes: t ? t.memoryBytes : null,
    memory_limit_bytes: t ? t.memoryLimitBytes : null,
    memory_percent: t ? round(memoryPercent(t.memoryBytes, t.memoryLimitBytes)) : null,
    net_rx_bytes: t ? t.netRxBytes : null,
    net_tx_bytes: t ? t.netTxBytes : null,
    block_read_bytes: t ? t.blockReadBytes : null,
    block_write_bytes: t ? t.blockWriteBytes : null,
    pids: t ? t.pids : null,
  };
}

/** The `docker stats` columns, a workload per row; one not running shows "-" in every figure. */
export function statsTable(samples: StatsSample[]): string[][] {
  const head = ['WORKLOAD', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];
  return [head, ...samples.map(statsCells)];
}

function statsCells(s: StatsSample): string[] {
  const t = s.stats;
  if (!t) return [s.workload, '-', '-', '-', '-', '-', '-'];
  return [
    s.workload,
    formatPercent(t.cpuPercent),
    formatMemory(t.memoryBytes, t.memoryLimitBytes),
    formatPercent(memoryPercent(t.memoryBytes, t.memoryLimitBytes)),
    formatIo(t.netRxBytes, t.netTxBytes),
    formatIo(t.blockReadBytes, t.blockWriteBytes),
    String(t.pids),
  ];
}
