import path from 'node:path';
import type { Condition, PortBinding, RestartPolicy } from '../engine/types.js';
import { normalizeEnv } from './env.js';
import { isSecretValue, isSensitiveName } from '../secrets.js';
import { normalizeHealth, readyWhenProbe, withReadiness } from './health.js';
import { checkImage } from './image-ref.js';
import { normalizeMount } from './mounts.js';
import { normalizePort } from './ports.js';
import type { RawProject, RawWorkload } from './raw.js';
import type { Reporter } from './report.js';
import { normalizeSettings } from './settings.js';
import type { MountSpec, ProjectVolume, UnsafeOptIn, WorkloadSpec } from './types.js';
import { parseBytes, parseDuration } from '../units.js';
import { byText } from '../canonical.js';

/** Like compose: the folder's name, lowercased, with anything outside [a-z0-9_-] dropped. */
export function defaultProjectName(dir: string): string {
  const base = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
  return base.replace(/^[^a-z0-9]+/, '') || 'default';
}

/** The top-level `volumes:`, by name. */
export function normalizeVolumes(raw: RawProject): ProjectVolume[] {
  return Object.keys(raw.volumes ?? {})
    .sort()
    .map((name) => {
      const v = raw.volumes?.[name];
      return { name, external: v?.external ?? false, labels: v?.labels ?? {} };
    });
}

/** Volumes a preset needs (a persistent database's data) join the declared ones unless already there. */
export function withPresetVolumes(declared: ProjectVolume[], needed: string[]): ProjectVolume[] {
  const extra = needed
    .filter((n) => !declared.some((v) => v.name === n))
    .map((n) => ({ name: n, external: false, labels: {} }));
  return [...declared, ...extra].sort((a, b) => byText(a.name, b.name));
}

/**
 * One service-shaped raw workload (a kind's expansion) → its WorkloadSpec: short forms expanded,
 * defaults applied, paths absolute, problems reported at their keys. Knows no kind: `kind` is
 * `service` here and the caller (workloads/project.ts) sets the kind and its facts.
 */
export function normalizeWorkload(
  name: string,
  raw: RawWorkload,
  dir: string,
  declared: Set<string>,
  report: Reporter,
  sources: Set<string>,
  processEnv: Record<string, string | undefined>,
): WorkloadSpec | undefined {
  const at = ['workloads', name];
  const unsafe = new Set((raw.unsafe ?? []) as UnsafeOptIn[]);
  const env = normalizeEnv(raw, at, dir, report, sources, (n) => processEnv[n]);
  const network = (raw.network ?? 'default') as WorkloadSpec['network'];
  if (network === 'host' && !unsafe.has('host-network')) {
    report.error(
      [...at, 'network'],
      'unsafe',
      'host networking bypasses port publishing and isolation',
      'if you mean it, add `unsafe: [host-network]` to this workload',
    );
  }
  const ports = (raw.ports ?? [])
    .map((p, i) => normalizePort(p, [...at, 'ports', i], report))
    .filter((p): p is PortBinding => !!p);
  const mountCtx = { dir, home: processEnv.HOME ?? '/root', declaredVolumes: declared, unsafe, report };
  const mounts = (raw.volumes ?? [])
    .map((v, i) => normalizeMount(v, [...at, 'volumes', i], mountCtx))
    .filter((m): m is MountSpec => !!m);
  const sensitive = [
    ...new Set([
      ...(raw.sensitive ?? []),
      ...Object.keys(env).filter((k) => isSensitiveName(k) || isSecretValue(env[k]!)),
    ]),
  ].sort();
  checkImage(raw.image, [...at, 'image'], report);
  const readyWhen = readyWhenProbe(raw.ready_when);
  const settings = normalizeSettings(raw, at, report);
  if (raw.ready_when && !readyWhen)
    report.error(
      [...at, 'ready_when'],
      'ready-when',
      'ready_when needs log or http',
      'e.g. `ready_when: { log: "compiled successfully" }`',
    );
  return {
    name,
    kind: 'service',
    image: raw.image ?? '',
    ...(raw.command !== undefined && { command: argv(raw.command) }),
    ...(raw.entrypoint !== undefined && { entrypoint: argv(raw.entrypoint) }),
    env,
    sensitive,
    ports,
    mounts,
    resources: normalizeResources(raw, at, report),
    network,
    health: withReadiness(normalizeHealth(raw.health, [...at, 'health'], report), readyWhen),
    ...(readyWhen && { readyWhen }),
    dependsOn: normalizeDependsOn(raw.depends_on),
    restart: (raw.restart ?? 'no') as RestartPolicy,
    labels: raw.labels ?? {},
    init: raw.init ?? true,
    ...(raw.user !== undefined && { user: raw.user }),
    ...(settings && { settings }),
    ...(unsafe.size > 0 && { unsafe: [...unsafe].sort() }),
    stopTimeoutSec: Math.ceil(
      (raw.stop_grace_period === undefined ? 10_000 : (parseDuration(raw.stop_grace_period) ?? 10_000)) / 1000,
    ),
  };
}

/** A string command runs through the shell, as `docker run IMAGE sh -c "..."` would; a list is argv. */
function argv(value: string | string[]): string[] {
  return typeof value === 'string' ? ['sh', '-c', value] : value;
}

/** `none` is "no limit": it lifts a kind's default (a query's 4g, say) as if nothing were set. */
const NO_LIMIT = 'none';

function normalizeResources(raw: RawWorkload, at: (string | number)[], report: Reporter): WorkloadSpec['resources'] {
  const r = raw.resources ?? {};
  const out: WorkloadSpec['resources'] = {};
  if (r.memory !== undefined && r.memory !== NO_LIMIT) {
    const bytes = parseBytes(r.memory);
    if (bytes === undefined)
      report.error(
        [...at, 'resources', 'memory'],
        'memory',
        `"${r.memory}" is not a memory size`,
        'write it like "256m" or "1g", or none for no limit',
      );
    else if (bytes < 6 * 1024 * 1024)
      report.error([...at, 'resources', 'memory'], 'memory', `memory ${r.memory} is below the engine's minimum of 6m`);
    else out.memoryBytes = bytes;
  }
  if (r.cpus !== undefined && r.cpus !== NO_LIMIT) {
    const cpus = Number(r.cpus);
    if (!(cpus > 0))
      report.error(
        [...at, 'resources', 'cpus'],
        'cpus',
        `cpus "${r.cpus}" must be a number above 0`,
        'e.g. 0.5 or 2, or none for no limit',
      );
    else out.cpus = cpus;
  }
  if (r.cpu_shares !== undefined) out.cpuShares = r.cpu_shares;
  return out;
}

function normalizeDependsOn(raw: RawWorkload['depends_on']): Record<string, Condition> {
  if (!raw) return {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((n) => [n, 'started' as Condition]));
  const out: Record<string, Condition> = {};
  for (const [name, value] of Object.entries(raw)) {
    out[name] = (typeof value === 'string' ? value : (value.condition ?? 'started')) as Condition;
  }
  return out;
}
