import type { Probe } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import { HIDDEN } from '../session/connection-info.js';
import { kindLinks } from '../workloads/kind-hooks.js';
import type { WorkloadStatus } from './status.js';

function httpPorts(p: Probe): { port: number; path: string }[] {
  if ('http' in p) return [p.http];
  if ('all' in p) return p.all.flatMap(httpPorts);
  return [];
}

/**
 * Where a person would point a browser or a client after `up`: for each running workload, its kind's
 * links (a database's URL with the password hidden, a notebook's with its token), or else each URL of
 * an HTTP health check that targets a published port. On a cluster (no `localPorts`), a private port
 * names the `pond port-forward` that reaches it instead.
 */
export function urlLines(workloads: WorkloadSpec[], rows: WorkloadStatus[], localPorts = true): string[] {
  const lines: string[] = [];
  for (const w of workloads) {
    const row = rows.find((r) => r.workload === w.name && r.state === 'running');
    if (!row) continue;
    const privatePort = w.ports.find((p) => p.hostIp === '127.0.0.1');
    if (!localPorts && privatePort) {
      // A cluster publishes no private port: the way in from this machine is a tunnel.
      lines.push(`${w.name}  not published on the cluster: pond port-forward ${w.name} ${privatePort.container}`);
      continue;
    }
    const links = kindLinks(w, HIDDEN);
    if (links) {
      lines.push(...links.map((l) => `${w.name}  ${l.url}`));
      continue;
    }
    for (const { port, path } of w.health ? httpPorts(w.health.probe) : []) {
      const published = row.ports
        .map((p) => /^(.+):(\d+)->(\d+)\/tcp$/.exec(p))
        .find((m) => m && Number(m[3]) === port);
      if (published)
        lines.push(
          `${w.name}  http://${published[1] === '0.0.0.0' ? '127.0.0.1' : published[1]}:${published[2]}${path}`,
        );
    }
  }
  return lines;
}
