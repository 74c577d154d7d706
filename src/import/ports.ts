import type { Notes } from './notes.js';
import { asString, isMap, type Data } from './words.js';

const SHORT =
  /^(?:(?<ip>[0-9]{1,3}(?:\.[0-9]{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:(?<published>[0-9]+(?:-[0-9]+)?)?:)?(?<target>[0-9]+(?:-[0-9]+)?)(?:\/(?<protocol>tcp|udp|sctp))?$/;
const LOOPBACK = /^(127\.[0-9.]+|\[::1\])$/;

/**
 * `ports:` keep their meaning but not their reach: pond publishes on 127.0.0.1 where Compose
 * publishes on every interface. A loopback address is kept; any other is dropped, with a note that
 * `public: true` (long form) is pond's way to open a port to the network.
 */
export function convertPorts(svc: Data, out: Data, notes: Notes): void {
  if (!Array.isArray(svc.ports) || svc.ports.length === 0) return;
  const ports = svc.ports
    .map((p) => (isMap(p) ? longPort(p, notes) : shortPort(p, notes)))
    .filter((p) => p !== undefined);
  if (ports.length > 0) out.ports = ports;
  const everywhere = svc.ports.some(
    (p) => !LOOPBACK.test(isMap(p) ? asString(p.host_ip ?? '') : (SHORT.exec(asString(p))?.groups?.ip ?? '')),
  );
  if (everywhere)
    notes.change(
      'published on 127.0.0.1 only (Compose: every interface); a port in the long form with public: true opens it to the network',
      'ports',
    );
}

function shortPort(raw: unknown, notes: Notes): string | number | undefined {
  if (typeof raw === 'number') return raw;
  const text = asString(raw);
  const m = SHORT.exec(text);
  if (!m?.groups) {
    notes.skip(`port "${text}"`, 'not a port pond can read', 'ports');
    return undefined;
  }
  const { ip, published, target, protocol } = m.groups;
  if (protocol === 'sctp') {
    notes.skip(`port "${text}"`, 'pond publishes tcp and udp only', 'ports');
    return undefined;
  }
  const keepIp = ip !== undefined && LOOPBACK.test(ip) && published !== undefined;
  if (ip && !LOOPBACK.test(ip)) notes.change(`port "${text}": bound to 127.0.0.1 instead of ${ip}`, 'ports');
  return `${keepIp ? `${ip}:` : ''}${published ? `${published}:` : ''}${target}${protocol ? `/${protocol}` : ''}`;
}

function longPort(raw: Data, notes: Notes): Data | undefined {
  const target = Number(raw.target);
  if (!Number.isInteger(target)) {
    notes.skip('a port', `target "${asString(raw.target)}" is not a port number`, 'ports');
    return undefined;
  }
  const port: Data = { target };
  if (raw.published !== undefined)
    port.published = /^[0-9]+$/.test(asString(raw.published)) ? Number(raw.published) : asString(raw.published);
  if (raw.protocol === 'tcp' || raw.protocol === 'udp') port.protocol = raw.protocol;
  else if (raw.protocol !== undefined)
    notes.skip(`port ${target} protocol ${asString(raw.protocol)}`, 'pond publishes tcp and udp only', 'ports');
  if (raw.host_ip !== undefined && !LOOPBACK.test(asString(raw.host_ip)))
    notes.change(`port ${target}: bound to 127.0.0.1 instead of ${asString(raw.host_ip)}`, 'ports');
  for (const key of ['mode', 'name', 'app_protocol'] as const)
    if (raw[key] !== undefined) notes.skip(`ports[].${key}`, 'pond has no such port setting', 'ports');
  return port;
}
