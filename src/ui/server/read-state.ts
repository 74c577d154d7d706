import type { Engine } from '../../engine/types.js';
import type { Project } from '../../pipeline.js';
import { scheduledBots } from '../../bots/schedule-view.js';
import { listRecords } from '../../bots/store.js';
import type { UiState } from '../types.js';
import { buildState, type QueryPreview } from './state.js';
import { queryPreview } from './query-preview.js';

/**
 * One snapshot of the project, inspected (start times, restart counts, OOM kills: the list API has
 * none of them, as `pond ps` knows), with the bots' runs and the queries' outputs from `.pond/` and
 * the project folder, built into a UiState.
 */
export async function readState(
  engine: Engine,
  project: Project,
  opts: { watch: boolean; plan?: UiState['plan'] },
): Promise<UiState> {
  const observed = await engine.observe(project.spec.name);
  const containers = await Promise.all(observed.workloads.map((c) => engine.inspectWorkload(c.id).catch(() => c)));
  const now = new Date();
  const bots = project.spec.workloads.filter((w) => w.bot);
  const runs = Object.fromEntries(bots.map((w) => [w.name, listRecords(project.spec.dir, w.name)]));
  const queries: Record<string, QueryPreview> = Object.fromEntries(
    project.spec.workloads.flatMap((w) => (w.query ? [[w.name, queryPreview(w.query)]] : [])),
  );
  return buildState({
    spec: project.spec,
    edges: project.graph.edges,
    engine: engine.endpoint,
    watch: opts.watch,
    now,
    containers,
    scheduled: scheduledBots(project, now),
    runs,
    queries,
    ...(opts.plan && { plan: opts.plan }),
  });
}
