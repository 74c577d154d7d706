import path from 'node:path';
import type { Hardening } from '../engine/types.js';
import type { RawProject, RawWorkload } from '../model/raw.js';
import type { Reporter } from '../model/report.js';
import type { DatabaseFacts, MountSpec, WorkloadSpec } from '../model/types.js';
import { expandDatabase } from './database/expand.js';
import { derivedPorts } from './database/ports.js';
import { expandBot, type BotFacts } from './bot/expand.js';
import type { KindContext } from './context.js';
import type { DigestCache } from './digest-cache.js';
import { defaultedResources, type ResourceKey } from './resources.js';
import { expandNotebook, type NotebookFacts } from './notebook/expand.js';
import { expandQuery, outputPathOf, type QueryFacts } from './query/expand.js';

export interface Expanded {
  kind: WorkloadSpec['kind'];
  /** The workload written as a service: every kind is a preset over the service shape. */
  service: RawWorkload;
  database?: DatabaseFacts;
  notebook?: NotebookFacts;
  query?: QueryFacts;
  bot?: BotFacts;
  /** Confinement the kind asks for (queries). */
  hardening?: Hardening;
  /** Mounts pond itself adds (its query runner and DuckDB): exempt from the checks on user mounts. */
  mounts?: MountSpec[];
  /** The `resources` keys this kind's defaults filled in (see resources.ts). */
  resourceDefaults?: ResourceKey[];
  /** Files and folders the expansion read (SQL, inputs, code): watch mode re-applies when they change. */
  sources?: string[];
}

const HOST_PORT_KINDS = new Set(['database', 'notebook']);

/**
 * Every kind → a service-shaped raw workload, as pure data, before normalization. Returns the
 * expansions by name and the named volumes the presets need declared.
 */
export function expandKinds(raw: RawProject, project: string, dir: string, report: Reporter, env: Record<string, string | undefined> = {}, digests?: DigestCache): { workloads: Map<string, Expanded>; volumes: string[] } {
  const names = Object.keys(raw.workloads).sort();
  // Kinds that publish one server port on the host get it derived when none is given (stable, distinct).
  const publishing = names.filter((n) => HOST_PORT_KINDS.has(raw.workloads[n]!.kind ?? 'service'));
  const fixed = publishing.map((n) => raw.workloads[n]!.port as number | undefined).filter((p): p is number => p !== undefined);
  const ports = derivedPorts(project, publishing.filter((n) => raw.workloads[n]!.port === undefined), fixed);
  const produced = names.filter((n) => raw.workloads[n]!.kind === 'query').map((n) => path.dirname(path.resolve(dir, outputPathOf(n, raw.workloads[n]!))));
  const workloads = new Map<string, Expanded>();
  const volumes: string[] = [];
  for (const name of names) {
    const w = raw.workloads[name]!;
    const at = ['workloads', name];
    const kind = w.kind ?? 'service';
    const ctx: KindContext = { project, dir, at, report: report.scope(name), env, hostPort: (w.port as number | undefined) ?? ports.get(name), produced, ...(digests && { digests }) };
    if (kind === 'notebook' || kind === 'query' || kind === 'bot') {
      const e = kind === 'notebook' ? expandNotebook(name, w, ctx) : kind === 'query' ? expandQuery(name, w, ctx) : expandBot(name, w, ctx);
      if (!e) continue;
      volumes.push(...(e.volumes ?? []));
      workloads.set(name, { kind, service: e.service, [kind]: e.facts, ...('mounts' in e && e.mounts && { mounts: e.mounts }), ...('sources' in e && e.sources && { sources: e.sources }), ...('hardening' in e && { hardening: e.hardening }), resourceDefaults: defaultedResources(w, e.service) });
      continue;
    }
    if (kind !== 'database') {
      workloads.set(name, { kind: 'service', service: w });
      continue;
    }
    const db = expandDatabase(name, w, (w.port as number | undefined) ?? ports.get(name)!, at, ctx.report);
    if (!db) continue;
    if (db.volume) volumes.push(db.volume);
    workloads.set(name, { kind: 'database', service: db.service, database: { connection: db.connection, version: db.version, data: db.data, ...(db.initOnly && { initOnly: db.initOnly }) }, resourceDefaults: defaultedResources(w, db.service) });
  }
  return { workloads, volumes };
}
