import { LABEL } from '../labels.js';
import type { ObservedWorkload } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import { factsOf, KINDS } from '../workloads/registry.js';

export { databaseInfo, HIDDEN, type DatabaseInfo } from '../workloads/database/info.js';
export { notebookInfo, notebookUrl, type NotebookInfo } from '../workloads/notebook/info.js';

/** A service's addresses on this machine: one URL per published TCP port. */
export interface ServiceInfo {
  workload: string;
  urls: string[];
}

/**
 * Workloads whose kind has no `pond info` section of its own (not databases or notebooks) with a published TCP port, as
 * the engine bound it: a port bound on every address is reached at 127.0.0.1. Pure.
 */
export function serviceInfos(workloads: WorkloadSpec[], containers: ObservedWorkload[]): ServiceInfo[] {
  return workloads.flatMap((w) => {
    if (KINDS.some((k) => k.info && factsOf(w, k.name) !== undefined)) return [];
    const c = containerOf(containers, w.name);
    const urls = [
      ...new Set(
        (c?.ports ?? [])
          .filter((p) => p.protocol === 'tcp' && p.host)
          .map((p) => `http://${reachableHost(p.hostIp)}:${p.host}`),
      ),
    ];
    return urls.length ? [{ workload: w.name, urls }] : [];
  });
}

/** The workload's container; while a replace is under way (two of them), the running one. */
export function containerOf(containers: ObservedWorkload[], workload: string): ObservedWorkload | undefined {
  const mine = containers.filter((c) => c.labels[LABEL.workload] === workload);
  return mine.find((c) => c.state === 'running') ?? mine[0];
}

/** The address to dial for a port bound on `ip`: every-address bindings are reached on loopback. */
export function reachableHost(ip: string): string {
  if (!ip || ip === '0.0.0.0' || ip === '::') return '127.0.0.1';
  return ip.includes(':') ? `[${ip}]` : ip;
}
