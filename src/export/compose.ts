import { ConfigError } from '../errors.js';
import { Reporter } from '../model/report.js';
import type { Project } from '../pipeline.js';
import { composeHealth } from './compose-health.js';
import { escape, serviceOf } from './compose-service.js';
import { exportedWorkloads, secretsOf } from './inputs.js';
import { refuseLeaks } from './leaks.js';
import { splitEnv } from './secret-env.js';

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
    services[w.name] = serviceOf(w, task, { project: project.spec, environment, healthcheck: health.healthcheck });
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
