import type { ObservedWorkload } from '../../engine/types.js';
import type { Edge } from '../../graph/graph.js';
import type { ProjectSpec, WorkloadSpec } from '../../model/types.js';
import type { ScheduledBot } from '../../bots/schedule-view.js';
import type { RunRecord } from '../../bots/store.js';
import { containerOf, reachableHost } from '../../session/connection-info.js';
import type { KindLink } from '../../workloads/kind.js';
import { kindLinks } from '../../workloads/kind-hooks.js';
import type { UiState, UiWorkload } from '../types.js';
import { workloadState } from './workload-state.js';
import { redactDeep, uiSecrets } from './redact.js';
import { byText } from '../../canonical.js';

/** The password as the page shows it inside a connection URL. */
export const MASK = '••••';

/** A query's output as the page previews it: the first rows, read by the caller. */
export type QueryPreview = NonNullable<UiWorkload['query']>;

/** Everything one UiState is built from: one (inspected) snapshot plus what `.pond/` holds. */
export interface StateInput {
  spec: Pick<ProjectSpec, 'name' | 'workloads' | 'secretValues'>;
  edges: Edge[];
  engine: string;
  watch: boolean;
  now: Date;
  containers: ObservedWorkload[];
  scheduled: ScheduledBot[];
  runs: Record<string, RunRecord[]>;
  queries: Record<string, QueryPreview>;
  plan?: UiState['plan'];
}

/** The dashboard's state, redacted like every other output of pond. Pure. */
export function buildState(input: StateInput): UiState {
  const state: UiState = {
    project: input.spec.name,
    engine: input.engine,
    watch: input.watch,
    at: input.now.toISOString(),
    workloads: input.spec.workloads.map((w) => uiWorkload(w, input)),
    edges: input.edges.map((e) => ({ from: e.from, to: e.to, condition: e.condition })),
    ...(input.plan && { plan: input.plan }),
  };
  return redactDeep(state, uiSecrets(input.spec));
}

function uiWorkload(w: WorkloadSpec, input: StateInput): UiWorkload {
  const c = containerOf(input.containers, w.name);
  const bot = input.scheduled.find((b) => b.workload === w.name);
  const runs = input.runs[w.name];
  const query = input.queries[w.name];
  const own = kindLinks(w, MASK);
  const connection = own?.find((l) => l.connection);
  return {
    name: w.name,
    kind: w.kind,
    state: c ? workloadState(c) : bot ? 'scheduled' : 'missing',
    ...(c?.health && { health: c.health }),
    restarts: c?.restartCount ?? 0,
    ...(c?.exitCode !== undefined && c.state !== 'running' && { exitCode: c.exitCode }),
    ...(c?.oomKilled !== undefined && c.state !== 'running' && { oomKilled: c.oomKilled }),
    image: c?.image ?? w.image,
    ...(c?.startedAt && { startedAt: c.startedAt }),
    ports: portsOf(c, !own),
    links: own ? ownLinks(own, c) : portLinks(c),
    ...(connection && { connection: connectionOf(connection) }),
    resources: {
      ...(w.resources.memoryBytes !== undefined && { memoryBytes: w.resources.memoryBytes }),
      ...(w.resources.cpus !== undefined && { cpus: w.resources.cpus }),
    },
    dependsOn: Object.entries(w.dependsOn)
      .sort(([a], [b]) => byText(a, b))
      .map(([name, condition]) => ({ name, condition })),
    ...(bot && { schedule: { cron: bot.schedule, next: bot.next } }),
    ...(runs && { runs: runs.slice(0, 10).map(runOf) }),
    ...(query && { query }),
  };
}

/** Published TCP ports get a URL unless the workload's kind gives its own addresses (a database, a notebook). */
function portsOf(c: ObservedWorkload | undefined, web: boolean): UiWorkload['ports'] {
  return (c?.ports ?? [])
    .filter((p) => p.host)
    .map((p) => ({
      container: p.container,
      host: p.host,
      ...(web && p.protocol === 'tcp' && { url: `http://${reachableHost(p.hostIp)}:${p.host}` }),
    }));
}

/** The kind's pages to open, once it runs; a connection string is shown apart (connectionOf), never as a link. */
function ownLinks(own: KindLink[], c: ObservedWorkload | undefined): UiWorkload['links'] {
  if (c?.state !== 'running') return [];
  return own.filter((l) => !l.connection).map((l) => ({ label: l.label, url: l.url }));
}

function portLinks(c: ObservedWorkload | undefined): UiWorkload['links'] {
  const urls = portsOf(c, true).flatMap((p) => (p.url ? [{ label: `port ${p.container}`, url: p.url }] : []));
  return [...new Map(urls.map((u) => [u.url, u])).values()];
}

/** As `pond info` without --reveal: the password is never handed to the page, so copy is the display. */
function connectionOf(link: KindLink): UiWorkload['connection'] {
  const display = link.url.replace(encodeURIComponent(MASK), MASK);
  return { display, copy: display };
}

function runOf(r: RunRecord): NonNullable<UiWorkload['runs']>[number] {
  return {
    id: r.id,
    startedAt: r.started,
    ...(r.duration_ms !== undefined && { durationMs: r.duration_ms }),
    ...(r.exit_code !== undefined && { exitCode: r.exit_code }),
    hasResults: !!r.result_file,
  };
}
