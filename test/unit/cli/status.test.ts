import { describe, expect, it } from 'vitest';
import type { WorkloadStats, ObservedWorkload, ObservedState } from '../../../src/engine/types.js';
import { table } from '../../../src/cli/output.js';
import { psRows, psTable, stateText, statusRows } from '../../../src/cli/status.js';
import { observedWorkload } from '../../support/fixtures.js';

const labels = (workload: string) => ({
  'dev.pond.project': 'shop',
  'dev.pond.workload': workload,
  'dev.pond.kind': 'service',
});
const container = (workload: string, extra: Partial<ObservedWorkload>): ObservedWorkload =>
  observedWorkload({
    id: `${workload}0123456789abcdef`.slice(0, 64).padEnd(64, '0'),
    name: `shop-${workload}`,
    labels: labels(workload),
    state: 'running',
    image: 'busybox:1.35',
    restartCount: 0,
    ports: [],
    ...extra,
  });

const observed: ObservedState = {
  workloads: [
    container('web', {
      startedAt: '2024-05-01T11:55:00.5Z',
      health: 'healthy',
      restartCount: 2,
      ports: [{ container: 8080, host: 49153, hostIp: '127.0.0.1', protocol: 'tcp' }],
    }),
    container('burner', { startedAt: '2024-05-01T11:59:57Z' }),
    container('seed', { state: 'exited', exitCode: 0, startedAt: '2024-05-01T10:00:00Z' }),
  ],
  volumes: [],
  networks: [],
};
const now = new Date('2024-05-01T12:00:00Z');
const sample = (s: Pick<WorkloadStats, 'cpuPercent' | 'memoryBytes' | 'memoryLimitBytes'>): WorkloadStats => ({
  netRxBytes: 0,
  netTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  pids: 1,
  ...s,
});
const stats = new Map<string, WorkloadStats>([
  ['shop-burner', sample({ cpuPercent: 98.7654, memoryBytes: 335_872, memoryLimitBytes: 64 * 1024 * 1024 })],
  ['shop-web', sample({ cpuPercent: 0.04, memoryBytes: 47_291_840, memoryLimitBytes: 268_435_456 })],
]);

describe('pond ps rows', () => {
  it('adds uptime for running containers only, and the samples under the new JSON keys', () => {
    const rows = psRows(statusRows(observed, ['web', 'burner', 'seed', 'db']), now, stats);
    expect(
      rows.map((r) => [
        r.workload,
        r.state,
        r.uptime_seconds,
        r.restarts,
        r.cpu_percent,
        r.memory_bytes,
        r.memory_limit_bytes,
      ]),
    ).toEqual([
      ['burner', 'running', 3, 0, 98.77, 335_872, 67_108_864],
      ['db', 'missing', undefined, 0, undefined, undefined, undefined],
      ['seed', 'exited (0)', undefined, 0, undefined, undefined, undefined],
      ['web', 'running', 299, 2, 0.04, 47_291_840, 268_435_456],
    ]);
  });

  it('keeps every existing JSON key of a status row', () => {
    const [web] = psRows(statusRows({ ...observed, workloads: [observed.workloads[0]!] }), now);
    expect(web).toEqual({
      workload: 'web',
      kind: 'service',
      container: 'shop-web',
      id: observed.workloads[0]!.id.slice(0, 12),
      state: 'running',
      health: 'healthy',
      ports: ['127.0.0.1:49153->8080/tcp'],
      image: 'busybox:1.35',
      started_at: '2024-05-01T11:55:00.5Z',
      restarts: 2,
      uptime_seconds: 299,
    });
    expect(JSON.parse(JSON.stringify(web))).not.toHaveProperty('cpu_percent');
  });
});

describe('pond ps table', () => {
  const rows = psRows(statusRows(observed, ['db']), now, stats);

  it('without --stats: uptime, restarts and image; the short id; ports last', () => {
    expect(table(psTable(rows))).toBe(
      [
        'WORKLOAD  STATE       HEALTH   UPTIME  RESTARTS  IMAGE         CONTAINER     PORTS',
        'burner    running     -        3s      0         busybox:1.35  burner012345  -',
        'db        missing     -        -       -         -             -             -',
        'seed      exited (0)  -        -       0         busybox:1.35  seed01234567  -',
        'web       running     healthy  4m      2         busybox:1.35  web012345678  127.0.0.1:49153->8080/tcp',
        '',
      ].join('\n'),
    );
  });

  it('with --stats: CPU % and MEM instead of IMAGE and CONTAINER, "-" where nothing was sampled, within 100 columns', () => {
    const text = table(psTable(rows, { stats: true }));
    expect(text).toBe(
      [
        'WORKLOAD  STATE       HEALTH   UPTIME  RESTARTS  CPU %  MEM               PORTS',
        'burner    running     -        3s      0         98.8%  328KiB / 64MiB    -',
        'db        missing     -        -       -         -      -                 -',
        'seed      exited (0)  -        -       0         -      -                 -',
        'web       running     healthy  4m      2         0.0%   45.1MiB / 256MiB  127.0.0.1:49153->8080/tcp',
        '',
      ].join('\n'),
    );
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});

describe('the STATE of a container that stopped', () => {
  it('shows the exit code and an OOM kill of an exited container', () => {
    expect(stateText(container('job', { state: 'exited', exitCode: 137, oomKilled: true }))).toBe(
      'exited (137, OOM-killed)',
    );
  });

  it('shows the last exit code and the restart count of a restarting container', () => {
    expect(stateText(container('bot', { state: 'restarting', exitCode: 1, restartCount: 3 }))).toBe(
      'restarting (exit 1, 3 restarts)',
    );
  });

  it('leaves out a restart count of 0 (the list API does not know it)', () => {
    expect(stateText(container('bot', { state: 'restarting', exitCode: 1 }))).toBe('restarting (exit 1)');
  });

  it('JSON rows carry exit_code and oom_killed for a restarting container, not for a running one', () => {
    const rows = statusRows({
      workloads: [
        container('bot', { state: 'restarting', exitCode: 137, oomKilled: true, restartCount: 2 }),
        container('web', { oomKilled: true }),
      ],
      volumes: [],
      networks: [],
    });
    expect(rows.map((r) => [r.workload, r.exit_code, r.oom_killed, r.restarts])).toEqual([
      ['bot', 137, true, 2],
      ['web', undefined, undefined, 0],
    ]);
  });

  it('JSON rows leave oom_killed out when the engine did not say (a listed, not inspected, container)', () => {
    const rows = statusRows({
      workloads: [container('job', { state: 'exited', exitCode: 137 })],
      volumes: [],
      networks: [],
    });
    expect(rows[0]).not.toHaveProperty('oom_killed');
  });
});
