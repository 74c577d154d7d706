import { describe, expect, it } from 'vitest';
import { urlLines } from '../../../src/cli/urls.js';
import { workload, connection } from '../../support/fixtures.js';

const http = (port: number) => ({
  probe: { http: { port, path: '/health' } },
  intervalMs: 1000,
  timeoutMs: 1000,
  retries: 1,
  startPeriodMs: 0,
});
const row = (name: string, ports: string[], state = 'running') => ({
  workload: name,
  kind: 'service',
  container: `demo-${name}`,
  id: 'x',
  state,
  health: '',
  ports,
  image: 'i',
  restarts: 0,
});

describe('urlLines', () => {
  it('names the URL of a running workload whose HTTP check targets a published port, and each database', () => {
    const ws = [
      workload('web', { health: http(8080) }),
      workload('api', { health: http(9000) }),
      workload('db', {
        database: { connection, version: '15', data: { persistent: false, fsync: true, tmpfs: false } },
      }),
    ];
    expect(
      urlLines(ws, [
        row('web', ['127.0.0.1:32797->8080/tcp']),
        row('api', ['127.0.0.1:1->1/tcp']),
        row('db', ['127.0.0.1:25432->5432/tcp']),
      ]),
    ).toEqual(['web  http://127.0.0.1:32797/health', 'db  postgres://pond:****@127.0.0.1:25432/app']);
    expect(urlLines(ws, [row('web', ['127.0.0.1:32797->8080/tcp'], 'exited (1)')])).toEqual([]);
  });
});

describe('urlLines on a cluster, which publishes no private port', () => {
  it('names the port-forward that reaches a private port instead of a 127.0.0.1 address that is not there', () => {
    const db = workload('db', {
      ports: [{ container: 5432, host: 25432, protocol: 'tcp', hostIp: '127.0.0.1' }],
      database: { connection, version: '15', data: { persistent: false, fsync: true, tmpfs: false } },
    });
    expect(urlLines([db], [row('db', [])], false)).toEqual([
      'db  not published on the cluster: pond port-forward db 5432',
    ]);
  });
});
