import type { Probe } from './types.js';

/** One line per probe, as shown in plans and timeout messages: "exec pg_isready -h 127.0.0.1". */
export function describeProbe(p: Probe): string {
  if ('exec' in p) return `exec ${p.exec.join(' ')}`;
  if ('http' in p) return `http :${p.http.port}${p.http.path}`;
  if ('tcp' in p) return `tcp :${p.tcp.port}`;
  if ('log' in p) return `log "${p.log}"`;
  return p.all.map(describeProbe).join(' and ');
}
