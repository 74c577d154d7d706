import { describeProbe } from '../engine/describe-probe.js';
import type { WorkloadSpec } from '../model/types.js';
import { formatBytes, formatDuration } from '../units.js';
import { MIN_SECRET_LENGTH, containsSecret } from '../secrets.js';
import { kindDisplay } from '../workloads/kind-hooks.js';
import { sha256 } from '../canonical.js';

/** What a secret value looks like in a label: enough to tell that it changed, nothing to recover it. */
export function secretDigest(value: string): string {
  return `(sensitive) sha256:${sha256(value).slice(0, 12)}`;
}

export function isSecretDigest(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('(sensitive)');
}

/**
 * The workload as users wrote it, normalized and with secret values replaced by digests. It is stored
 * in the `dev.pond.spec` label so a later plan can name the fields that changed, and printed by
 * `pond config`. It never holds a secret.
 */
export function displaySpec(w: WorkloadSpec, secrets: readonly string[] = []): Record<string, unknown> {
  const kind = kindDisplay(w, secretDigest);
  const shown = Object.entries(w.env).filter(([k]) => !kind.hiddenEnv.includes(k));
  const env = Object.fromEntries(shown.map(([k, v]) => [k, w.sensitive.includes(k) ? secretDigest(v) : v]));
  return redactStrings({ ...plainSpec(w, env), ...kind.keys }, secrets);
}

/** Any other string that carries a secret (a password in a command or a label) becomes a digest too. */
function redactStrings(value: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  if (!secrets.some((s) => s.length >= MIN_SECRET_LENGTH)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return !isSecretDigest(v) && containsSecret(v, secrets) ? secretDigest(v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

function plainSpec(w: WorkloadSpec, env: Record<string, string>): Record<string, unknown> {
  return {
    kind: w.kind,
    image: w.image,
    command: w.command,
    entrypoint: w.entrypoint,
    env,
    ports: w.ports.map((p) => `${p.hostIp}:${p.host ?? 'auto'}->${p.container}/${p.protocol}`),
    volumes: w.mounts.map((m) =>
      m.type === 'tmpfs' ? `tmpfs:${m.target}` : `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`,
    ),
    resources: {
      memory: w.resources.memoryBytes === undefined ? undefined : formatBytes(w.resources.memoryBytes),
      cpus: w.resources.cpus,
      cpu_shares: w.resources.cpuShares,
    },
    network: w.network,
    health: w.health && {
      probe: describeProbe(w.health.probe),
      interval: formatDuration(w.health.intervalMs),
      timeout: formatDuration(w.health.timeoutMs),
      retries: w.health.retries,
      start_period: formatDuration(w.health.startPeriodMs),
    },
    depends_on: Object.keys(w.dependsOn).length ? w.dependsOn : undefined,
    restart: w.restart,
    labels: Object.keys(w.labels).length ? w.labels : undefined,
    init: w.init,
    user: w.user,
    stop_grace_period: `${w.stopTimeoutSec}s`,
    replicas: w.replicas,
    placement: w.placement && { constraints: w.placement },
    ...settingsShown(w),
    hardening: w.hardening && {
      read_only: w.hardening.readOnlyRootfs,
      cap_drop: w.hardening.capDrop,
      no_new_privileges: w.hardening.noNewPrivileges,
      pids_limit: w.hardening.pidsLimit,
    },
  };
}

/** The runtime settings under their pond.yaml names; each absent when not set, so older labels compare equal. */
function settingsShown(w: WorkloadSpec): Record<string, unknown> {
  const s = w.settings;
  if (!s) return {};
  return {
    working_dir: s.workingDir,
    hostname: s.hostname,
    extra_hosts: s.extraHosts,
    dns: s.dns,
    shm_size: s.shmSizeBytes === undefined ? undefined : formatBytes(s.shmSizeBytes),
    ulimits: s.ulimits && Object.fromEntries(s.ulimits.map((u) => [u.name, { soft: u.soft, hard: u.hard }])),
    stop_signal: s.stopSignal,
  };
}
