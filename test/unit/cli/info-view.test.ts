import { describe, expect, it } from 'vitest';
import type { ObservedWorkload } from '../../../src/engine/types.js';
import { containerInfos } from '../../../src/cli/info-view.js';
import { serviceInfos } from '../../../src/session/connection-info.js';
import { workload, observedWorkload, connection } from '../../support/fixtures.js';

const container = (name: string, extra: Partial<ObservedWorkload> = {}): ObservedWorkload =>
  observedWorkload({
    id: `${name}-full-id`,
    name: `demo-${name}`,
    labels: { 'dev.pond.workload': name },
    state: 'running',
    image: 'busybox:1.35',
    restartCount: 0,
    ports: [],
    ...extra,
  });

describe('pond info', () => {
  it("each workload carries its container's full id, pid, start time and uptime", () => {
    const [web] = containerInfos(
      [workload('web')],
      [container('web', { pid: 4242, startedAt: '2026-01-01T00:00:00Z' })],
      new Date('2026-01-01T00:01:30Z'),
    );
    expect(web).toEqual({
      workload: 'web',
      kind: 'service',
      state: 'running',
      id: 'web-full-id',
      pid: 4242,
      started_at: '2026-01-01T00:00:00Z',
      uptime_seconds: 90,
    });
  });

  it('a declared workload without a container is missing, with no id', () => {
    expect(containerInfos([workload('web')], [], new Date())).toEqual([
      { workload: 'web', kind: 'service', state: 'missing' },
    ]);
  });

  it('a service gets one http://127.0.0.1 URL per published TCP port; databases have their own URL', () => {
    const ports = [
      { container: 8080, host: 32772, hostIp: '0.0.0.0', protocol: 'tcp' },
      { container: 8080, host: 32772, hostIp: '::', protocol: 'tcp' },
      { container: 53, host: 5353, hostIp: '127.0.0.1', protocol: 'udp' },
    ];
    const ws = [
      workload('web'),
      workload('db', {
        database: { connection, version: '15', data: { persistent: false, fsync: true, tmpfs: false } },
      }),
    ];
    expect(serviceInfos(ws, [container('web', { ports }), container('db', { ports })])).toEqual([
      { workload: 'web', urls: ['http://127.0.0.1:32772'] },
    ]);
  });
});
