import path from 'node:path';
import type { LoadedConfig } from '../config/types.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import { checkContainerNames } from '../model/names.js';
import { defaultProjectName, normalizeVolumes, normalizeWorkload, withPresetVolumes } from '../model/normalize.js';
import type { RawProject } from '../model/raw.js';
import { Reporter } from '../model/report.js';
import { checkSharedNetworks, type NetworkTraits } from '../model/shared-network.js';
import type { MountSpec, ProjectSpec, WorkloadSpec } from '../model/types.js';
import type { Carry } from '../engine/types.js';
import { containsSecret, urlPassword } from '../secrets.js';
import type { DigestCache } from './digest-cache.js';
import { expandKinds, type Expanded } from './expand.js';
import { resolveReferences } from './references.js';
import { copiesOf } from './replicas.js';
import type { BackendName } from '../engine/capabilities.js';
import { factsOf, kindOf } from './registry.js';

/**
 * Turns a validated config into the typed, defaulted ProjectSpec: each kind expands through the
 * registry, then the model normalizes the service it became. Problems the schema cannot see (unsafe
 * mounts, undeclared volumes, bad units) are collected with locations; any error throws one
 * ConfigError. `projectName` is the CLI's -p, which wins over `name:` in the file; `env` is the host
 * environment, read only where a workload passes variables through by name (a notebook's `pass_env`);
 * `digests` lets query inputs be hashed without reading unchanged files (updated in memory only).
 */
export function normalizeProject(
  config: LoadedConfig,
  projectName?: string,
  env: Record<string, string | undefined> = {},
  digests?: DigestCache,
): { spec: ProjectSpec; warnings: Diagnostic[] } {
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
export function modelStage(
  config: LoadedConfig,
  projectName?: string,
  env: Record<string, string | undefined> = {},
  digests?: DigestCache,
  refused: string[] = [],
): ModelStage {
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
    const copies = copiesOf(wname, raw.workloads[wname]!, report.scope(wname));
    if (w) workloads.push({ ...withKind(w, e), ...copies });
  }
  const leftOut = new Set([...refused, ...Object.keys(raw.workloads ?? {}).filter((n) => !expanded.workloads.has(n))]);
  resolveReferences(workloads, report, leftOut);
  checkSharedNetworks(workloads, report, networkTraits, leftOut);
  checkHostPorts(workloads, report);
  const secretValues = markSecrets(workloads, config.secretValues);
  return {
    spec: {
      name,
      dir: config.dir,
      files: config.files,
      workloads,
      volumes,
      ...(raw.engine !== undefined && { engine: raw.engine as BackendName }),
      ...(raw.registry !== undefined && { registry: raw.registry }),
      sources: [...sources].sort(),
      secretValues,
    },
    diagnostics: report.diagnostics,
    failed: new Set([...report.failedWorkloads, ...leftOut]),
    leftOut: [...leftOut].sort(),
  };
}

/** The normalized service with what its kind adds: the kind's name, its facts under that name, its own mounts. */
function withKind(w: WorkloadSpec, e: Expanded): WorkloadSpec {
  return {
    ...w,
    kind: e.kind,
    ...(e.facts !== undefined && { [e.kind]: e.facts }),
    ...(e.hardening && { hardening: e.hardening }),
    ...(e.resourceDefaults?.length && { resourceDefaults: e.resourceDefaults }),
    mounts: carried([...w.mounts, ...(e.mounts ?? [])], e.carry),
  };
}

/** Each bind at a target the kind names, marked with how it reaches a cluster task. */
function carried(mounts: MountSpec[], carry: Record<string, Carry> | undefined): MountSpec[] {
  if (!carry) return mounts;
  return mounts.map((m) => (m.type === 'bind' && carry[m.target] ? { ...m, carry: carry[m.target] } : m));
}

function networkTraits(w: WorkloadSpec): NetworkTraits {
  const kind = kindOf(w.kind);
  const transient = kind.transient?.(factsOf(w));
  return { publishesPort: !!kind.publishesPort, ...(transient && { transient }) };
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
        report.error(
          ['workloads', w.name, kindOf(w.kind).publishesPort ? 'port' : 'ports'],
          'port-conflict',
          `host port ${p.host}/${p.protocol} is published twice (by "${other}" and "${w.name}")`,
          'give one of them another port, or leave the host port out and let the engine pick one',
        );
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
    const facts = factsOf(w);
    if (facts !== undefined) for (const v of kindOf(w.kind).secrets?.(facts) ?? []) secrets.add(v);
  }
  const all = [...secrets].sort();
  for (const w of workloads) {
    const carrying = Object.keys(w.env).filter((k) => containsSecret(w.env[k]!, all));
    w.sensitive = [...new Set([...w.sensitive, ...carrying])].sort();
  }
  return all;
}
