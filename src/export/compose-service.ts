import path from 'node:path';
import type { Condition, TaskSpec } from '../engine/types.js';
import { LABEL } from '../labels.js';
import type { WorkloadSpec } from '../model/types.js';

const CONDITION: Record<Condition, string> = {
  started: 'service_started',
  healthy: 'service_healthy',
  completed: 'service_completed_successfully',
};

/** What a service is built from beyond the workload itself: its project, its env and its healthcheck, already mapped. */
export interface ServiceInput {
  project: { dir: string; name: string };
  environment: Record<string, string>;
  healthcheck?: Record<string, unknown>;
}

/**
 * One workload as a Compose service, in Compose's words: project binds relative (`./data`), ports on
 * the address pond binds them to, depends_on conditions, limits under deploy.resources, pond's labels.
 */
export function serviceOf(w: WorkloadSpec, task: TaskSpec, input: ServiceInput): Record<string, unknown> {
  const { environment, healthcheck } = input;
  const { dir, name } = input.project;
  const deps = Object.entries(w.dependsOn).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    image: task.image,
    ...(task.entrypoint && { entrypoint: task.entrypoint.map(escape) }),
    ...(task.command && { command: task.command.map(escape) }),
    ...(Object.keys(environment).length && { environment }),
    ...(task.ports.length && { ports: task.ports.map(portOf) }),
    ...(w.mounts.length && { volumes: w.mounts.map((m) => mountOf(m, dir)) }),
    ...networkOf(w),
    ...(deps.length && { depends_on: Object.fromEntries(deps.map(([d, c]) => [d, { condition: CONDITION[c] }])) }),
    ...(healthcheck && { healthcheck: { ...healthcheck, test: (healthcheck.test as string[]).map(escape) } }),
    restart: task.restart,
    ...(w.bot?.schedule && { profiles: ['scheduled'] }),
    ...runtimeOf(task),
    ...resourcesOf(task),
    labels: { [LABEL.project]: name, [LABEL.workload]: w.name, [LABEL.kind]: w.kind },
  };
}

function portOf(p: TaskSpec['ports'][number]): Record<string, unknown> {
  return { target: p.container, ...(p.host && { published: String(p.host) }), host_ip: p.hostIp, protocol: p.protocol };
}

function mountOf(m: WorkloadSpec['mounts'][number], dir: string): Record<string, unknown> {
  if (m.type === 'tmpfs')
    return { type: 'tmpfs', target: m.target, ...(m.sizeBytes && { tmpfs: { size: m.sizeBytes } }) };
  if (m.type === 'volume') return { type: 'volume', source: m.source, target: m.target, read_only: m.readOnly };
  const rel = path.relative(dir, m.source);
  const source = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? m.source : `./${rel}`;
  return { type: 'bind', source, target: m.target, read_only: m.readOnly };
}

function networkOf(w: WorkloadSpec): Record<string, unknown> {
  if (w.network === 'default') return {};
  if (w.network.startsWith('workload:')) return { network_mode: `service:${w.network.slice('workload:'.length)}` };
  return { network_mode: w.network };
}

function runtimeOf(t: TaskSpec): Record<string, unknown> {
  return {
    ...(t.init && { init: true }),
    ...(t.user && { user: t.user }),
    ...(t.workingDir && { working_dir: t.workingDir }),
    ...(t.hostname && { hostname: t.hostname }),
    ...(t.extraHosts?.length && { extra_hosts: t.extraHosts }),
    ...(t.dns?.length && { dns: t.dns }),
    ...(t.shmSizeBytes && { shm_size: t.shmSizeBytes }),
    ...(t.ulimits?.length && {
      ulimits: Object.fromEntries(t.ulimits.map((u) => [u.name, { soft: u.soft, hard: u.hard }])),
    }),
    ...(t.stopSignal && { stop_signal: t.stopSignal }),
    stop_grace_period: `${t.stopTimeoutSec}s`,
    ...(t.readOnlyRootfs && { read_only: true }),
    ...(t.capDrop?.length && { cap_drop: t.capDrop }),
    ...(t.noNewPrivileges && { security_opt: ['no-new-privileges:true'] }),
    ...(t.pidsLimit && { pids_limit: t.pidsLimit }),
  };
}

function resourcesOf(t: TaskSpec): Record<string, unknown> {
  const { memoryBytes, cpus, cpuShares } = t.resources;
  const limits = { ...(memoryBytes && { memory: String(memoryBytes) }), ...(cpus && { cpus: String(cpus) }) };
  return {
    ...(cpuShares && { cpu_shares: cpuShares }),
    ...(Object.keys(limits).length && { deploy: { resources: { limits } } }),
  };
}

/** Compose interpolates `$` in every string: a literal one is written `$$`. */
export function escape(value: string): string {
  return value.replace(/\$/g, '$$$$');
}
