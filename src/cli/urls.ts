import type { Probe } from '../engine/types.js';
import type { DesiredContainer } from '../desired/types.js';
import type { WorkloadStatus } from './status.js';

function httpPorts(p: Probe): { port: number; path: string }[] {
  if ('http' in p) return [p.http];
  if ('all' in p) return p.all.flatMap(httpPorts);
  return [];
}

/**
 * "web  http://127.0.0.1:32797/" for every workload whose HTTP health check targets a published
 * port: where a person would point a browser after `up`.
 */
export function urlLines(containers: DesiredContainer[], rows: WorkloadStatus[]): string[] {
  const lines: string[] = [];
  for (const c of containers) {
    const row = rows.find((r) => r.workload === c.workload && r.state === 'running');
    if (!row || !c.health) continue;
    for (const { port, path } of httpPorts(c.health.probe)) {
      const published = row.ports.map((p) => /^(.+):(\d+)->(\d+)\/tcp$/.exec(p)).find((m) => m && Number(m[3]) === port);
      if (published) lines.push(`${c.workload}  http://${published[1] === '0.0.0.0' ? '127.0.0.1' : published[1]}:${published[2]}${path}`);
    }
  }
  return lines;
}
