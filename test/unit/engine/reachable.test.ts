import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RawInspect } from '../../../src/engine/docker/inspect.js';
import { inContainerProbe, localAddress } from '../../../src/engine/docker/reachable.js';

const raw = (ip: string, networkId: string, mode = 'pond_default'): RawInspect => ({
  Id: 'c',
  Name: '/c',
  RestartCount: 0,
  Config: { Image: 'busybox' },
  State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: '2026-01-01T00:00:00Z' },
  HostConfig: { NetworkMode: mode },
  NetworkSettings: { Networks: { pond_default: { IPAddress: ip, NetworkID: networkId } } },
});
const bridge = (address: string, netmask = '255.255.0.0') => [
  { address, netmask, family: 'IPv4' as const, mac: '', internal: false, cidr: null },
];

describe('probes leave pond only for containers on a bridge of this host', () => {
  it('probes from the host when the network bridge is here and the address in its subnet', () => {
    expect(localAddress(raw('172.18.0.5', 'abcdef1234567890'), { 'br-abcdef123456': bridge('172.18.0.1') })).toBe(
      '172.18.0.5',
    );
  });
  it('runs inside the engine when the bridge is not on this host (a remote engine, another namespace)', () => {
    expect(
      localAddress(raw('172.18.0.5', 'abcdef1234567890'), {
        docker0: bridge('172.17.0.1'),
        'br-999999999999': bridge('172.18.0.1'),
      }),
    ).toBeUndefined();
  });
  it('runs inside the engine when the address is outside the bridge subnet', () => {
    expect(
      localAddress(raw('10.9.0.5', 'abcdef1234567890'), { 'br-abcdef123456': bridge('172.18.0.1') }),
    ).toBeUndefined();
  });
  it("runs inside the engine for host networking, where the host's loopback may be another machine's", () => {
    expect(localAddress(raw('', '', 'host'), {})).toBeUndefined();
  });
  it('the in-container scripts are valid sh', () => {
    for (const argv of [
      inContainerProbe({ http: { port: 80, path: '/' } }, 1000),
      inContainerProbe({ tcp: { port: 5432 } }, 1000),
    ]) {
      expect(() => execFileSync('sh', ['-n', '-c', argv[2]!])).not.toThrow();
    }
  });
});
