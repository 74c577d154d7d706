import type { HealthSpec, Probe } from '../engine/types.js';
import { seconds } from './quantities.js';

/** A container's probes, and the parts of pond's readiness that Kubernetes cannot check. */
export interface Probes {
  probes: Record<string, unknown>;
  /** Readiness parts left out (a log line, a second check): for the annotation and the warning. */
  dropped: string[];
}

/** How long a workload may take to become ready before the kubelet restarts it (pond up's default wait). */
const STARTUP_BUDGET_MS = 120_000;

/**
 * pond's health as three probes of one check: a startupProbe that gives the workload as long as
 * `pond up` would wait, then readiness (Service traffic) and liveness (restart) on pond's interval and
 * retries. Kubernetes runs one check per probe, so of an `all:` the first checkable part is used; a
 * `log:` condition has no Kubernetes counterpart at all.
 */
export function probesOf(health: HealthSpec | undefined): Probes {
  if (!health) return { probes: {}, dropped: [] };
  const parts = flatten(health.probe);
  const chosen = parts.find((p) => handler(p) !== undefined);
  const dropped = parts.filter((p) => p !== chosen).map(describe);
  if (!chosen) return { probes: {}, dropped };
  const first = handler(chosen)!;
  const timing = {
    periodSeconds: seconds(health.intervalMs),
    timeoutSeconds: seconds(health.timeoutMs),
    failureThreshold: Math.max(1, health.retries),
  };
  const startup = {
    ...first,
    periodSeconds: timing.periodSeconds,
    timeoutSeconds: timing.timeoutSeconds,
    failureThreshold: Math.ceil((health.startPeriodMs + STARTUP_BUDGET_MS) / 1000 / timing.periodSeconds),
  };
  return {
    probes: { startupProbe: startup, readinessProbe: { ...first, ...timing }, livenessProbe: { ...first, ...timing } },
    dropped,
  };
}

function flatten(p: Probe): Probe[] {
  return 'all' in p ? p.all.flatMap(flatten) : [p];
}

function handler(p: Probe): Record<string, unknown> | undefined {
  return 'exec' in p
    ? { exec: { command: p.exec } }
    : 'http' in p
      ? { httpGet: { path: p.http.path, port: p.http.port } }
      : 'tcp' in p
        ? { tcpSocket: { port: p.tcp.port } }
        : undefined;
}

function describe(p: Probe): string {
  if ('log' in p) return `log "${p.log}" (Kubernetes has no log probe)`;
  if ('exec' in p) return `exec ${p.exec.join(' ')} (one check per probe)`;
  if ('http' in p) return `http :${p.http.port}${p.http.path} (one check per probe)`;
  if ('tcp' in p) return `tcp :${p.tcp.port} (one check per probe)`;
  return 'all';
}
