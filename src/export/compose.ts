import path from 'node:path';
import type { Condition, TaskSpec } from '../engine/types.js';
import { ConfigError } from '../errors.js';
import { LABEL } from '../labels.js';
import type { WorkloadSpec } from '../model/types.js';
import { Reporter } from '../model/report.js';
import type { Project } from '../pipeline.js';
import { composeHealth } from './compose-health.js';
import { exportedWorkloads, secretsOf } from './inputs.js';
import { refuseLeaks } from './leaks.js';
import { splitEnv } from './secret-env.js';

const CONDITION: Record<Condition, string> = {
  started: 'service_started',
  healthy: 'service_healthy',
  completed: 'service_completed_successfully',
};

/**
 * The project as a Compose file: one service per workload, run as pond would run it (same image,
 * command, env, mounts, limits, labels). Secret values become `${VAR}` references Compose reads from
 * the environment, unless `includeSecrets`; every literal `$` is doubled so Compose keeps it.
 */
export function composeDocument(project: Project, includeSecrets: boolean) {
  const report = new Reporter(project.config);
  const secrets = secretsOf(project);
  const services: Record<string, unknown> = {};
  for (const { w, task } of exportedWorkloads(project)) {
    const env = splitEnv(task.env, w.sensitive, secrets);
    const health = composeHealth(task.health);
    for (const d of health.dropped)
      report.warn(['workloads', w.name], 'export-lost', `workload ${w.name}: readiness ${d} has no healthcheck form`);
    if (w.bot?.schedule)
      report.warn(
        ['workloads', w.name, 'schedule'],
        'export-lost',
        `workload ${w.name}: Compose has no schedules; it is in profile "scheduled": run it with docker compose run --rm ${w.name}`,
      );
    const environment = Object.fromEntries(
      [
        ...env.plain.map(([k, v]) => [k, escape(v)]),
        ...env.secret.map(([k, v]) => [
          k,
          includeSecrets ? escape(v) : `\${${variableOf(w.name, k)}:?set ${variableOf(w.name, k)}}`,
        ]),
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
    services[w.name] = serviceOf(w, task, project.spec, environment, health.healthcheck);
  }
  if (!includeSecrets)
    refuseLeaks(
      Object.entries(services).map(([workload, body]) => ({ workload, what: `service ${workload}`, body })),
      secrets,
      report,
    );
  if (report.failed) throw new ConfigError(report.diagnostics);
  const volumes = Object.fromEntries(project.spec.volumes.map((v) => [v.name, v.external ? { external: true } : {}]));
  return {
    document: { name: project.spec.name, services, ...(Object.keys(volumes).length && { volumes }) },
    report,
  };
}

/** The variable a secret is read from: `WORKLOAD_NAME`, upper case, so two workloads' secrets never share one. */
export function variableOf(workload: string, name: string): string {
  return `${workload}_${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function serviceOf(
  w: WorkloadSpec,
  task: TaskSpec,
  { dir, name }: { dir: string; name: string },
  environment: Record<string, string>,
  healthcheck: Record<string, unknown> | undefined,
): Record<string, unknown> {
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
function escape(value: string): string {
  return value.replace(/\$/g, '$$$$');
}
