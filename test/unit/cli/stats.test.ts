import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatIo,
  formatMemory,
  formatPercent,
  formatUptime,
  memoryPercent,
  uptimeSeconds,
} from '../../../src/cli/stats.js';
import { computeStats, type RawStats } from '../../../src/engine/docker/stats.js';

// Trimmed from this host's dockerd 20.10 (cgroup v1), a busy loop limited to 64 MiB.
const v1: RawStats = {
  cpu_stats: {
    cpu_usage: { total_usage: 2_524_023_734, percpu_usage: [1_593_694_065, 930_329_669] },
    system_cpu_usage: 4_619_640_000_000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 1_913_156_628, percpu_usage: [1_080_072_366, 833_084_262] },
    system_cpu_usage: 4_617_610_000_000,
    online_cpus: 2,
  },
  memory_stats: {
    usage: 4_335_872,
    limit: 67_108_864,
    stats: { cache: 4_000_000, inactive_file: 3_900_000, total_inactive_file: 4_000_000, total_rss: 57_344 },
  },
};

// The shape a cgroup v2 engine answers: no percpu_usage, no total_* memory counters.
const v2: RawStats = {
  cpu_stats: { cpu_usage: { total_usage: 9_000_000_000 }, system_cpu_usage: 200_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 8_000_000_000 }, system_cpu_usage: 196_000_000_000, online_cpus: 4 },
  memory_stats: {
    usage: 50_000_000,
    limit: 268_435_456,
    stats: { anon: 30_000_000, file: 20_000_000, inactive_file: 2_708_160 },
  },
};

describe('computeStats: the figures docker stats shows', () => {
  it('cgroup v1: CPU over the interval × online CPUs; memory without total_inactive_file', () => {
    const s = computeStats(v1);
    expect(s.cpuPercent).toBeCloseTo(((2_524_023_734 - 1_913_156_628) / 2_030_000_000) * 2 * 100, 10);
    expect(s.cpuPercent).toBeCloseTo(60.18, 2);
    expect(s.memoryBytes).toBe(335_872);
    expect(s.memoryLimitBytes).toBe(64 * 1024 * 1024);
  });

  it('cgroup v2: memory without inactive_file', () => {
    const s = computeStats(v2);
    expect(s.cpuPercent).toBe(100);
    expect(s.memoryBytes).toBe(47_291_840);
    expect(s.memoryLimitBytes).toBe(256 * 1024 * 1024);
  });

  it('counts CPUs from percpu_usage when online_cpus is missing', () => {
    const { online_cpus: _, ...cpu } = v1.cpu_stats!;
    expect(computeStats({ ...v1, cpu_stats: cpu }).cpuPercent).toBeCloseTo(60.18, 2);
  });

  it('a cache not below the usage is not subtracted; v1 is preferred, v2 is the fallback', () => {
    expect(
      computeStats({ memory_stats: { usage: 1000, stats: { total_inactive_file: 1000, inactive_file: 400 } } })
        .memoryBytes,
    ).toBe(600);
    expect(computeStats({ memory_stats: { usage: 1000, stats: { total_inactive_file: 5000 } } }).memoryBytes).toBe(
      1000,
    );
    expect(
      computeStats({ memory_stats: { usage: 1000, stats: { total_inactive_file: 300, inactive_file: 100 } } })
        .memoryBytes,
    ).toBe(700);
  });

  it('zero CPU when a delta is not positive: idle, no previous sample system time, counters reset', () => {
    const idle = { ...v1, cpu_stats: { ...v1.cpu_stats!, cpu_usage: v1.precpu_stats!.cpu_usage! } };
    expect(computeStats(idle).cpuPercent).toBe(0);
    const sameSystem = {
      ...v1,
      precpu_stats: { ...v1.precpu_stats!, system_cpu_usage: v1.cpu_stats!.system_cpu_usage! },
    };
    expect(computeStats(sameSystem).cpuPercent).toBe(0);
    expect(computeStats({ cpu_stats: v1.precpu_stats!, precpu_stats: v1.cpu_stats! }).cpuPercent).toBe(0);
  });

  it('a stopped container (empty answer) reads as zeros', () => {
    const zeros = {
      cpuPercent: 0,
      memoryBytes: 0,
      memoryLimitBytes: 0,
      netRxBytes: 0,
      netTxBytes: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0,
      pids: 0,
    };
    expect(computeStats({})).toEqual(zeros);
    expect(
      computeStats({
        cpu_stats: { cpu_usage: { total_usage: 0 } },
        precpu_stats: {},
        memory_stats: {},
        networks: null,
        blkio_stats: { io_service_bytes_recursive: null },
      }),
    ).toEqual(zeros);
  });

  it('network bytes are summed over every interface', () => {
    const s = computeStats({
      networks: { eth0: { rx_bytes: 486, tx_bytes: 10 }, eth1: { rx_bytes: 14, tx_bytes: 5 } },
    });
    expect([s.netRxBytes, s.netTxBytes]).toEqual([500, 15]);
  });

  it('block bytes are summed over devices by op, cgroup v1 ("Read") and v2 ("read") spellings alike', () => {
    const v1Blk = [
      { op: 'Read', value: 4096 },
      { op: 'Write', value: 100 },
      { op: 'Sync', value: 9 },
      { op: 'Total', value: 4196 },
      { op: 'Read', value: 4 },
    ];
    const v2Blk = [
      { op: 'read', value: 7 },
      { op: 'write', value: 3 },
    ];
    expect(computeStats({ blkio_stats: { io_service_bytes_recursive: v1Blk } })).toMatchObject({
      blockReadBytes: 4100,
      blockWriteBytes: 100,
    });
    expect(computeStats({ blkio_stats: { io_service_bytes_recursive: v2Blk } })).toMatchObject({
      blockReadBytes: 7,
      blockWriteBytes: 3,
    });
  });

  it('pids from pids_stats.current', () => {
    expect(computeStats({ pids_stats: { current: 3 } }).pids).toBe(3);
  });
});

describe('rendering figures', () => {
  it('uptime: the largest whole unit', () => {
    expect([0, 3, 59, 60, 299, 3599, 3600, 7300, 86_399, 86_400, 3 * 86_400 + 5].map(formatUptime)).toEqual([
      '0s',
      '3s',
      '59s',
      '1m',
      '4m',
      '59m',
      '1h',
      '2h',
      '23h',
      '1d',
      '3d',
    ]);
  });

  it('uptime seconds from startedAt, never negative, undefined for garbage', () => {
    const now = new Date('2024-05-01T12:00:10.900Z');
    expect(uptimeSeconds('2024-05-01T12:00:00.123456789Z', now)).toBe(10);
    expect(uptimeSeconds('2024-05-01T12:00:11Z', now)).toBe(0);
    expect(uptimeSeconds('not a time', now)).toBeUndefined();
  });

  it('percent with one decimal; bytes in binary units, three significant digits', () => {
    expect([0, 12.345, 199.96].map(formatPercent)).toEqual(['0.0%', '12.3%', '200.0%']);
    expect([0, 512, 335_872, 47_291_840, 64 * 1024 * 1024, 2.5 * 1024 ** 3].map(formatBytes)).toEqual([
      '0B',
      '512B',
      '328KiB',
      '45.1MiB',
      '64MiB',
      '2.5GiB',
    ]);
    expect(formatMemory(47_291_840, 268_435_456)).toBe('45.1MiB / 256MiB');
  });

  it('an I/O pair; memory percent of the limit, 0 when the limit is unknown', () => {
    expect(formatIo(1_229, 0)).toBe('1.2KiB / 0B');
    expect(memoryPercent(64, 256)).toBe(25);
    expect(memoryPercent(64, 0)).toBe(0);
  });
});
