import { describe, expect, it } from 'vitest';
import type { WorkloadStats } from '../../../src/engine/types.js';
import { table } from '../../../src/cli/output.js';
import { statsRow, statsTable, type StatsSample } from '../../../src/cli/stats-table.js';

const busy: WorkloadStats = {
  cpuPercent: 98.7654,
  memoryBytes: 47_291_840,
  memoryLimitBytes: 268_435_456,
  netRxBytes: 1_229,
  netTxBytes: 0,
  blockReadBytes: 4_096,
  blockWriteBytes: 2.5 * 1024 ** 2,
  pids: 3,
};
const samples: StatsSample[] = [
  { workload: 'db', container: 'shop-db', state: 'running', stats: busy },
  { workload: 'seed', container: 'shop-seed', state: 'exited' },
];

describe('the pond stats table', () => {
  it("has docker stats' columns, a running workload's figures rendered", () => {
    expect(table(statsTable(samples)).split('\n')[0]).toBe(
      'WORKLOAD  CPU %  MEM USAGE / LIMIT  MEM %  NET I/O      BLOCK I/O      PIDS',
    );
    expect(statsTable(samples)[1]).toEqual([
      'db',
      '98.8%',
      '45.1MiB / 256MiB',
      '17.6%',
      '1.2KiB / 0B',
      '4KiB / 2.5MiB',
      '3',
    ]);
  });

  it('shows "-" in every figure of a workload that is not running', () => {
    expect(statsTable(samples)[2]).toEqual(['seed', '-', '-', '-', '-', '-', '-']);
  });
});

describe('the pond stats JSON row', () => {
  it('carries raw numbers, percentages rounded to two decimals', () => {
    expect(statsRow(samples[0]!)).toEqual({
      workload: 'db',
      container: 'shop-db',
      state: 'running',
      cpu_percent: 98.77,
      memory_bytes: 47_291_840,
      memory_limit_bytes: 268_435_456,
      memory_percent: 17.62,
      net_rx_bytes: 1_229,
      net_tx_bytes: 0,
      block_read_bytes: 4_096,
      block_write_bytes: 2_621_440,
      pids: 3,
    });
  });

  it('has the same keys, null, for a workload that is not running', () => {
    const row = statsRow(samples[1]!);
    expect(Object.keys(row)).toEqual(Object.keys(statsRow(samples[0]!)));
    expect(row.memory_bytes).toBeNull();
    expect(row.pids).toBeNull();
  });
});
