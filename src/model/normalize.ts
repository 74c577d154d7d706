import path from 'node:path';
import type { LoadedConfig } from '../config/types.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import type { Condition, PortBinding, RestartPolicy } from '../engine/types.js';
import { normalizeEnv } from './env.js';
import { containsSecret, isSecretValue, isSensitiveName, urlPassword } from '../secrets.js';
import { normalizeHealth, readyWhenProbe, withReadiness } from './health.js';
import { checkImage } from './image-ref.js';
import { normalizeMount } from './mounts.js';
import { checkContainerNames } from './names.js';
import { normalizePort } from './ports.js';
import type { RawProject, RawWorkload } from './raw.js';
import { Reporter } from './report.js';
import { normalizeSettings } from './settings.js';
import { checkSharedNetworks } from './shared-network.js';
import type { MountSpec, ProjectSpec, ProjectVolume, UnsafeOptIn, WorkloadSpec } from './types.js';
import { parseBytes, parseDuration } from '../units.js';
import { expandKinds, type Expanded } from '../workloads/expand.js';
import { resolveReferences } from '../workloads/references.js';
import type { DigestCache } from '../workloads/digest-cache.js';

/**
 * Turns a validated config into the typed, defaulted ProjectSpec. Problems the schema cannot see
 * (unsafe mounts, undeclared volumes, bad units) are collected with locations; any error throws one
 * ConfigError. `projectName` is the CLI's -p, which wins over `name:` in the file; `env` is the host
 * environment, read only where a workload passes variables through by name (a notebook's `pass_env`);
 * `digests` lets query inputs be hashed without reading unchanged files (updated in memory only).
 */
export function normalizeProject(config: LoadedConfig, projectName?: string, env: Record<string, string | undefined> = {}, digests?: DigestCache): { spec: ProjectSpec; warnings: Diagnostic[] } {
  const model = modelStage(config, projectName, env, digests);
  if (model.diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(model.diagnostics);
  return { spec: model.spec, warnings: model.diagnostics };
}

/**
 * The model stage's findings, kept going past errors: `spec` holds every workload that could be
 * normalized (with errors or not), `failed` every workload with an error (or left out), `leftOut`
 * those absent from `spec` (refused before, or whose kind could not expand).
 */
export interface ModelStage {
  spec: ProjectSpec;
  diagnostics: Diagnostic[];
  failed: Set<string>;
  leftOut: string[];
}

/**
 * normalizeProject without the throw: each workload is checked on its own, so one broken workload
 * hides none of another's problems. `refused` are workloads an earlier stage already refused (left
 * out of config.data): references to them are not reported again.
 */
export function modelStage(config: LoadedConfig, projectName?: string, env: Record<string, string | undefined> = {}, digests?: DigestCache, refused: string[] = []): ModelStage {
  const report = new Reporter(config);
  const raw = config.data as unknown as RawProject;
  const name = projectName ?? raw.name ?? defaultProjectName(config.dir);
  checkContainerNames(name, Object.keys(raw.workloads ?? {}), report);
  const expanded = expandKinds(raw, name, config.dir, report, env, digests);
  const volumes = withPresetVolumes(normalizeVolumes(raw), expanded.volumes);
  const declared = new Set(volumes.map((v) => v.name));
  const sources = new Set([...config.files, ...(config.envFiles ?? [path.join(config.dir, '.env')])]);
  const workloads: WorkloadSpec[] = [];
  for (const [wname, e] of expanded.workloads) {
    const w = normalizeWorkload(wname, e.service, config.dir, declared, report.scope(wname), sources, env);
    for (const s of e.sources ?? []) sources.add(s);
    if (w) workloads.push({ ...w, kind: e.kind, ...facts(e), ...(e.hardening && { hardening: e.hardening }), ...(e.resourceDefaults?.length && { resourceDefaults: e.resourceDefaults }), mounts: [...w.mounts, ...(e.mounts ?? [])] });
  }
  const leftOut = new Set([...refused, ...Object.keys(raw.workloads ?? {}).filter((n) => !expanded.workloads.has(n))]);
  resolveReferences(workloads, report, leftOut);
  checkSharedNetworks(workloads, report, leftOut);
  checkHostPorts(workloads, report);
  const secretValues = markSecrets(workloads, config.secretValues);
  return {
    spec: { name, dir: config.dir, files: config.files, workloads, volumes, sources: [...sources].sort(), secretValues },
    diagnostics: report.diagnostics,
    failed: new Set([...report.failedWorkloads, ...leftOut]),
    leftOut: [...leftOut].sort(),
  };
}

/** The kind-specific facts an expansion carries (only the one for its kind is set). */
function facts(e: Expanded): Pick<WorkloadSpec, 'database' | 'notebook' | 'query' | 'bot'> {
  return { ...(e.database && { database: e.database }), ...(e.notebook && { notebook: e.notebook }), ...(e.query && { query: e.query }), ...(e.bot && { bot: e.bot }) };
}

/** Like compose: the folder's name, lowercased, with anything outside [a-z0-9_-] dropped. */
export function defaultProjectName(dir: string): string {
  const base = path.basename(dir).toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return base.replace(/^[^a-z0-9]+/, '') || 'default';
}

function normalizeVolumes(raw: RawProject): ProjectVolume[] {
  return Object.keys(raw.volumes ?? {})
    .sort()
    .map((name) => {
      const v = raw.volumes?.[name];
      return { name, external: v?.external ?? false, labels: v?.labels ?? {} };
    });
}

/** Two bindings of one host port would fail halfway through an apply; say so before anything starts. */
function checkHostPorts(workloads: WorkloadSpec[], report: Reporter): void {
  const seen = new Map<string, string>();
  for (const w of workloads) {
    for (const p of w.ports) {
      if (p.host === undefined || p.host === 0) continue;
      const key = `${p.host}/${p.protocol}`;
      const other = seen.get(key);
      if (other) {
        report.error(['workloads', w.name, w.database ? 'port' : 'ports'], 'port-conflict', `host port ${p.host}/${p.protocol} is published twice (by "${other}" and "${w.name}")`, 'give one of them another port, or leave the host port out and let the engine pick one');
      }
      seen.set(key, w.name);
    }
  }
}

/**
 * Collects every secret value and marks as sensitive each env entry that carries one (a URL built
 * from a password, say), so no output shows it under an innocent name.
 */
function markSecrets(workloads: WorkloadSpec[], fromVariables: string[]): string[] {
  const secrets = new Set(fromVariables);
  for (const w of workloads) {
    for (const k of w.sensitive) if (w.env[k]) secrets.add(w.env[k]!);
    for (const k of w.sensitive) {
      const pw = urlPassword(w.env[k] ?? '');
      if (pw) secrets.add(pw);
    }
    for (const v of w.bot?.secrets ?? []) secrets.add(v);
    if (w.database) secrets.add(w.database.connection.password);
  }
  const all = [...secrets].sort();
  for (const w of workloads) {
    const carrying = Object.keys(w.env).filter((k) => containsSecret(w.env[k]!, all));
    w.sensitive = [...new Set([...w.sensitive, ...carrying])].sort();
  }
  return all;
}

/** Volumes a preset needs (a persistent database's data) join the declared ones unless already there. */
function withPresetVolumes(declared: ProjectVolume[], needed: string[]): ProjectVolume[] {
  const extra = needed.filter((n) => !declared.some((v) => v.name === n)).map((n) => ({ name: n, external: false, labels: {} }));
  return [...declared, ...extra].sort((a, b) => a.name.localeCompare(b.name));
}

function normalizeWorkload(name: string, raw: RawWorkload, dir: string, declared: Set<string>, report: Reporter, sources: Set<string>, processEnv: Record<string, string | undefined>): WorkloadSpec | undefined {
  const at = ['workloads', name];
  const unsafe = new Set((raw.unsafe ?? []) as UnsafeOptIn[]);
  const env = normalizeEnv(raw, at, dir, report, sources, (n) => processEnv[n]);
  const network = (raw.network ?? 'default') as WorkloadSpec['network'];
  if (network === 'host' && !unsafe.has('host-network')) {
    report.error([...at, 'network'], 'unsafe', 'host networking bypasses port publishing and isolation', 'if you mean it, add `unsafe: [host-network]` to this workload');
  }
  const ports = (raw.ports ?? []).map((p, i) => normalizePort(p, [...at, 'ports', i], report)).filter((p): p is PortBinding => !!p);
  const mountCtx = { dir, declaredVolumes: declared, unsafe, report };
  const mounts = (raw.volumes ?? []).map((v, i) => normalizeMount(v, [...at, 'volumes', i], mountCtx)).filter((m): m is MountSpec => !!m);
  const sensitive = [...new Set([...(raw.sensitive ?? []), ...Object.keys(env).filter((k) => isSensitiveName(k) || isSecretValue(env[k]!))])].sort();
  checkImage(raw.image, [...at, 'image'], report);
  const readyWhen = readyWhenProbe(raw.ready_when);
  const settings = normalizeSettings(raw, at, report);
  if (raw.ready_when && !readyWhen) report.error([...at, 'ready_when'], 'ready-when', 'ready_when needs log or http', 'e.g. `ready_when: { log: "compiled successfully" }`');
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
    stopTimeoutSec: Math.ceil((raw.stop_grace_period === undefined ? 10_000 : (parseDuration(raw.stop_grace_period) ?? 10_000)) / 1000),
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
    if (bytes === undefined) report.error([...at, 'resources', 'memory'], 'memory', `"${r.memory}" is not a memory size`, 'write it like "256m" or "1g", or none for no limit');
    else if (bytes < 6 * 1024 * 1024) report.error([...at, 'resources', 'memory'], 'memory', `memory ${r.memory} is below the engine's minimum of 6m`);
    else out.memoryBytes = bytes;
  }
  if (r.cpus !== undefined && r.cpus !== NO_LIMIT) {
    const cpus = Number(r.cpus);
    if (!(cpus > 0)) report.error([...at, 'resources', 'cpus'], 'cpus', `cpus "${r.cpus}" must be a number above 0`, 'e.g. 0.5 or 2, or none for no limit');
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
