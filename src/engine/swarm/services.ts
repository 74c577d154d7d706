import { EngineError, StaleVersionError } from '../../errors.js';
import type { TaskSpec } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { classify, engineMessage, statusOf, tolerate } from '../docker/errors.js';
import { EXIT_LABEL, isLiveTask, type SwarmService, type SwarmServiceSpec, type SwarmTask } from './api.js';
import { desiredReplicas } from './observe.js';
import { pinnedNode } from './placement.js';
import { carrySpec } from './carry.js';
import { pondName } from './service-name.js';
import { withFiles } from './files.js';
import { IMAGE_LABEL, type ImagePins } from './publish.js';
import { pruneSecrets, withSecrets } from './secrets.js';
import { toJobSpec, toServiceSpec } from './service-spec.js';

/**
 * Writes the exit code a stop ended the service's tasks with, for observe and waitExit to read later.
 * When none was seen, a code left by an earlier stop is dropped rather than reported as this one's.
 */
export async function recordExit(conn: Connection, id: string, code: number | undefined): Promise<void> {
  const s = await inspectService(conn, id);
  const { [EXIT_LABEL]: previous, ...others } = s.Spec.Labels;
  if (code === undefined && previous === undefined) return;
  await updateService(conn, id, s.Version.Index, {
    ...s.Spec,
    Labels: code === undefined ? others : { ...others, [EXIT_LABEL]: String(code) },
  });
}

/** On a service: how many replicas `start` brings back after a `stop` scaled it to 0. */
export const REPLICAS_LABEL = 'dev.pond.replicas';

/** The service spec for a task spec, pinned where its volumes live, its image pinned by `pins` (a registry's digest). */
export async function serviceSpecFor(
  conn: Connection,
  spec: TaskSpec,
  job = false,
  pins?: ImagePins,
): Promise<SwarmServiceSpec> {
  const carried = await carrySpec(conn, spec, !!pins?.registry);
  const runs = carried.spec;
  const image = pins ? await pins.pin(runs.image) : runs.image;
  const { node, records } = await pinnedNode(conn, spec.name, spec.mounts);
  const volumeLabels = Object.fromEntries(records.map((r) => [r.name, r.labels]));
  const secrets = await withSecrets(conn, runs);
  const files = await withFiles(conn, runs);
  const placing = {
    files,
    ...(node ? { pinnedNode: node } : {}),
    volumeLabels,
    secrets: { env: secrets.env, refs: secrets.secrets },
  };
  const placement = carried.constraint ? [...(runs.placement ?? []), carried.constraint] : runs.placement;
  const running = { ...runs, image, ...(placement && { placement }) };
  const built = job ? toJobSpec(running, placing) : toServiceSpec(running, placing);
  const labels = { ...built.Labels, ...carried.labels, [REPLICAS_LABEL]: String(spec.replicas ?? 1) };
  return { ...built, Labels: image === spec.image ? labels : { ...labels, [IMAGE_LABEL]: spec.image } };
}

/** Creates the service; its tasks start at once (Swarm has no "created, not started"). */
export async function createService(conn: Connection, spec: TaskSpec, job = false, pins?: ImagePins): Promise<string> {
  try {
    const body = await serviceSpecFor(conn, spec, job, pins);
    const created = await conn.call<{ ID: string }>('POST', '/services/create', body, { timeoutMs: 60_000 });
    return created.ID;
  } catch (err) {
    throw classify(err, conn.endpoint, `create service ${spec.name}`);
  }
}

export async function inspectService(conn: Connection, id: string): Promise<SwarmService> {
  try {
    return await conn.getJson<SwarmService>(`/services/${encodeURIComponent(id)}`);
  } catch (err) {
    throw classify(err, conn.endpoint, `inspect service ${id}`);
  }
}

/**
 * Sends `spec` as the service's new spec at `version`, for Swarm to roll out. An answer of "update
 * out of sequence" means the service changed since `version` was read: StaleVersionError.
 */
export async function updateService(
  conn: Connection,
  id: string,
  version: number,
  spec: SwarmServiceSpec,
): Promise<void> {
  try {
    await conn.call('POST', `/services/${encodeURIComponent(id)}/update?version=${version}`, spec, {
      timeoutMs: 60_000,
    });
  } catch (err) {
    if (/out of sequence/.test(engineMessage(err)))
      throw new StaleVersionError(
        `service ${spec.Name} changed on the swarm since pond read it (version ${version})`,
        statusOf(err),
        'run the command again: pond re-reads the swarm and plans from what is there now',
      );
    throw classify(err, conn.endpoint, `update service ${spec.Name}`);
  }
}

/** Scales to `replicas`, keeping everything else (a stop is a scale to 0, a start back up). */
export async function scaleService(conn: Connection, id: string, replicas: number | 'recorded'): Promise<void> {
  const s = await inspectService(conn, id);
  if (!('Replicated' in s.Spec.Mode)) return;
  const want = replicas === 'recorded' ? Number(s.Spec.Labels[REPLICAS_LABEL] ?? '1') || 1 : replicas;
  if (desiredReplicas(s) === want) return;
  const tt = s.Spec.TaskTemplate;
  // Back up from 0, a `restart: no` service would get no new task (Swarm restarts nothing under
  // condition none): a forced update makes its slots run again.
  const force = desiredReplicas(s) === 0 && want > 0 ? { ForceUpdate: (tt.ForceUpdate ?? 0) + 1 } : {};
  await updateService(conn, id, s.Version.Index, {
    ...s.Spec,
    TaskTemplate: { ...tt, ...force },
    Mode: { Replicated: { Replicas: want } },
  });
}

/**
 * Starts again what was stopped. A service with a live task (just created, or running) is left
 * alone; one whose tasks all ended under `restart: no` (a finished one-shot) runs again by a forced
 * update, as a container would on `docker start`.
 */
export async function startService(conn: Connection, id: string): Promise<void> {
  const s = await inspectService(conn, id);
  if (desiredReplicas(s) === 0) return scaleService(conn, id, 'recorded');
  const tt = s.Spec.TaskTemplate;
  const tasks = await conn.getJson<SwarmTask[]>(`/tasks?${filtersQuery({ service: [id] })}`);
  const live = tasks.some((t) => t.DesiredState === 'running' && isLiveTask(t.Status.State));
  if (!live && tt.RestartPolicy.Condition === 'none')
    await updateService(conn, id, s.Version.Index, {
      ...s.Spec,
      TaskTemplate: { ...tt, ForceUpdate: (tt.ForceUpdate ?? 0) + 1 },
    });
}

export async function removeService(conn: Connection, id: string): Promise<void> {
  try {
    const found = await tolerate(() => conn.getJson<SwarmService>(`/services/${encodeURIComponent(id)}`), [404]);
    const name = found && pondName(found.Spec);
    await tolerate(() => conn.call('DELETE', `/services/${encodeURIComponent(id)}`, undefined, { retry: true }), [404]);
    if (name) await pruneAfterRemoval(conn, name);
  } catch (err) {
    throw classify(err, conn.endpoint, `remove service ${id}`);
  }
}

/**
 * A removed service's tasks take a moment to stop on their nodes, and a secret or config they still
 * hold cannot go yet: prune until none of the service's is left, for a few seconds at most.
 */
async function pruneAfterRemoval(conn: Connection, name: string): Promise<void> {
  const label = filtersQuery({ label: [`dev.pond.secret-of=${name}`] });
  const files = filtersQuery({ label: [`dev.pond.file-of=${name}`] });
  for (let i = 0; i < 30; i++) {
    await pruneSecrets(conn, name);
    const left = [
      ...(await conn.getJson<unknown[]>(`/secrets?${label}`).catch(() => [])),
      ...(await conn.getJson<unknown[]>(`/configs?${files}`).catch(() => [])),
    ];
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Swarm names a service once: a rename would need a new service, and the planner updates in place instead. */
export function renameService(id: string, name: string): Promise<void> {
  return Promise.reject(
    new EngineError(
      `service ${id} cannot be renamed to ${name}: Swarm does not rename services`,
      undefined,
      'this is a pond bug: on swarm a changed workload is updated in place',
    ),
  );
}
