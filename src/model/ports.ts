import type { PortBinding } from '../engine/types.js';
import type { Reporter } from './report.js';
import type { RawPortLong } from './raw.js';

type RawPort = string | number | RawPortLong;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Ports publish on 127.0.0.1 unless the long form says `public: true`: a short form naming any other
 * host address is refused, so exposing a database to the network is always a visible decision.
 */
export function normalizePort(raw: RawPort, path: (string | number)[], report: Reporter): PortBinding | undefined {
  if (typeof raw === 'number') return { container: raw, protocol: 'tcp', hostIp: '127.0.0.1' };
  if (typeof raw === 'object') return normalizeLong(raw, path, report);
  const parts = splitShort(raw);
  if (!parts) {
    report.error(
      path,
      'port',
      `"${raw}" is not a port`,
      'use "CONTAINER", "HOST:CONTAINER" or "127.0.0.1:HOST:CONTAINER[/udp]"',
    );
    return undefined;
  }
  if (parts.ip && !LOOPBACK.has(parts.ip)) {
    report.error(
      path,
      'public-port',
      `port "${raw}" binds ${parts.ip}, which exposes it beyond this machine`,
      'pond publishes on 127.0.0.1; to expose it, use the long form with `public: true`',
    );
    return undefined;
  }
  return { container: parts.container, host: parts.host, protocol: parts.protocol, hostIp: '127.0.0.1' };
}

function splitShort(
  text: string,
): { ip?: string; host?: number; container: number; protocol: 'tcp' | 'udp' } | undefined {
  const [spec, proto] = text.split('/') as [string, string | undefined];
  if (proto !== undefined && proto !== 'tcp' && proto !== 'udp') return undefined;
  const pieces = spec.split(':');
  const nums = pieces.slice(-2);
  const ip = pieces.length === 3 ? pieces[0] : undefined;
  if (pieces.length > 3 || nums.some((n) => !/^\d+$/.test(n))) return undefined;
  const container = Number(nums[nums.length - 1]);
  const host = nums.length === 2 ? Number(nums[0]) : undefined;
  if (!validPort(container) || (host !== undefined && !validPort(host))) return undefined;
  return { ip, host, container, protocol: (proto as 'tcp' | 'udp' | undefined) ?? 'tcp' };
}

function normalizeLong(raw: RawPortLong, path: (string | number)[], report: Reporter): PortBinding | undefined {
  const host = raw.published === undefined || raw.published === '' ? undefined : Number(raw.published);
  if (host !== undefined && !validPort(host)) {
    report.error([...path, 'published'], 'port', `published port "${raw.published}" is not a port number`);
    return undefined;
  }
  return { container: raw.target, host, protocol: raw.protocol ?? 'tcp', hostIp: raw.public ? '0.0.0.0' : '127.0.0.1' };
}

function validPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
}
