import path from 'node:path';
import type { Carry, Hardening } from '../engine/types.js';
import type { RawProject, RawWorkload } from '../model/raw.js';
import type { Reporter } from '../model/report.js';
import type { MountSpec, ResourceKey } from '../model/types.js';
import type { KindContext } from './context.js';
import { derivedPorts } from './database/ports.js';
import type { DigestCache } from './digest-cache.js';
import { kindOf } from './registry.js';
import { defaultedResources } from './resources.js';

export interface Expanded {
  kind: string;
  /** The workload written as a service: every kind is a preset over the service shape. */
  service: RawWorkload;
  /** The kind's facts, set on the normalized workload under the kind's name. */
  facts?: unknown;
  /** Confinement the kind asks for (queries). */
  hardening?: Hardening;
  /** Mounts pond itself adds (its query runner and DuckDB): exempt from the checks on user mounts. */
  mounts?: MountSpec[];
  /** The `resources` keys this kind's defaults filled in (see resources.ts). */
  resourceDefaults?: ResourceKey[];
  /** Files and folders the expansion read (SQL, inputs, code): watch mode re-applies when they change. */
  sources?: string[];
  /** How the binds at these targets reach a cluster task (see `Carry`). */
  carry?: Record<string, Carry>;
}

/**
 * Every kind → a service-shaped raw workload, as pure data, before normalization, through the kind
 * registry. Returns the expansions by name and the named volumes the presets need declared.
 */
export function expandKinds(
  raw: RawProject,
  project: string,
  dir: string,
  report: Reporter,
  env: Record<string, string | undefined> = {},
  digests?: DigestCache,
): { workloads: Map<string, Expanded>; volumes: string[] } {
  const names = Object.keys(raw.workloads).sort();
  // Kinds that publish one server port on the host get it derived when none is given (stable, distinct).
  const publishing = names.filter((n) => kindOf(raw.workloads[n]!.kind).publishesPort);
  const fixed = publishing
    .map((n) => raw.workloads[n]!.port as number | undefined)
    .filter((p): p is number => p !== undefined);
  const ports = derivedPorts(
    project,
    publishing.filter((n) => raw.workloads[n]!.port === undefined),
    fixed,
  );
  const produced = names.flatMap((n) =>
    (kindOf(raw.workloads[n]!.kind).writes?.(n, raw.workloads[n]!) ?? []).map((f) =>
      path.dirname(path.resolve(dir, f)),
    ),
  );
  const workloads = new Map<string, Expanded>();
  const volumes: string[] = [];
  for (const name of names) {
    const w = raw.workloads[name]!;
    const kind = kindOf(w.kind);
    const ctx: KindContext = {
      project,
      dir,
      at: ['workloads', name],
      report: report.scope(name),
      env,
      hostPort: (w.port as number | undefined) ?? ports.get(name),
      produced,
      ...(digests && { digests }),
    };
    const e = kind.expand(name, w, ctx);
    if (!e) continue;
    volumes.push(...(e.volumes ?? []));
    workloads.set(name, {
      kind: kind.name,
      service: e.service,
      ...(e.facts !== undefined && { facts: e.facts }),
      ...(e.mounts && { mounts: e.mounts }),
      ...(e.sources && { sources: e.sources }),
      ...(e.hardening && { hardening: e.hardening }),
      ...(e.carry && { carry: e.carry }),
      resourceDefaults: defaultedResources(w, e.service),
    });
  }
  return { workloads, volumes };
}
