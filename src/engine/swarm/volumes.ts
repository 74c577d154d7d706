import { EngineError } from '../../errors.js';
import type { VolumeSpec } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { classify, tolerate } from '../docker/errors.js';
import { projectFilter, sameOwner } from '../docker/labels.js';

/** On a volume record: the node the volume lives on, once a task first mounted it there. */
export const NODE_LABEL = 'dev.pond.node';
const RECORD_LABEL = 'dev.pond.swarm-volume';

/**
 * A Swarm volume is node-local and the manager cannot list a worker's volumes, so pond keeps one
 * record per declared volume on the manager: a Swarm config named after it, carrying the volume's
 * labels and, once placed, its node. The planner sees volumes through these records, and a workload
 * mounting one is pinned to that node, so its data is never silently left behind on another.
 */
export interface VolumeRecord {
  id: string;
  version: number;
  name: string;
  labels: Record<string, string>;
  node?: string;
}

interface SwarmConfig {
  ID: string;
  Version: { Index: number };
  Spec: { Name: string; Labels?: Record<string, string>; Data?: string };
}

const recordName = (volume: string) => `${volume}.pond-volume`;

export async function listVolumeRecords(conn: Connection, project: string): Promise<VolumeRecord[]> {
  const configs = await conn.getJson<SwarmConfig[]>(`/configs?${filtersQuery(projectFilter(project))}`);
  return configs.filter((c) => c.Spec.Labels?.[RECORD_LABEL]).map(toRecord);
}

export async function findVolumeRecord(conn: Connection, volume: string): Promise<VolumeRecord | undefined> {
  const configs = await conn.getJson<SwarmConfig[]>(`/configs?${filtersQuery({ name: [recordName(volume)] })}`);
  const found = configs.find((c) => c.Spec.Name === recordName(volume));
  return found ? toRecord(found) : undefined;
}

function toRecord(c: SwarmConfig): VolumeRecord {
  const labels = { ...(c.Spec.Labels ?? {}) };
  const node = labels[NODE_LABEL];
  const name = labels[RECORD_LABEL] ?? c.Spec.Name;
  delete labels[NODE_LABEL];
  delete labels[RECORD_LABEL];
  return { id: c.ID, version: c.Version.Index, name, labels, ...(node ? { node } : {}) };
}

/** Records the volume; an existing record of this project is kept (with its node), another's refused. */
export async function createVolume(conn: Connection, spec: VolumeSpec): Promise<void> {
  try {
    const existing = await findVolumeRecord(conn, spec.name);
    if (existing) {
      if (sameOwner(existing.labels, spec.labels)) return;
      throw new EngineError(
        `volume ${spec.name} exists on the swarm and is not managed by this project; pond will not use or touch it`,
        409,
        "it may hold someone else's data: change the project name in pond.yaml",
      );
    }
    await conn.call('POST', '/configs/create', {
      Name: recordName(spec.name),
      Labels: { ...spec.labels, [RECORD_LABEL]: spec.name },
      Data: Buffer.from(JSON.stringify({ volume: spec.name })).toString('base64'),
    });
  } catch (err) {
    throw classify(err, conn.endpoint, `create volume ${spec.name}`);
  }
}

/** Writes the node a volume now lives on into its record (configs allow label updates only). */
export async function pinVolume(conn: Connection, record: VolumeRecord, node: string): Promise<void> {
  const current = await conn.getJson<SwarmConfig>(`/configs/${record.id}`);
  await conn.call('POST', `/configs/${record.id}/update?version=${current.Version.Index}`, {
    ...current.Spec,
    Labels: { ...(current.Spec.Labels ?? {}), [NODE_LABEL]: node },
  });
}

/**
 * Forgets the volume. Its data stays on its node: the manager's API cannot delete a worker's
 * volume, and the message of `down --volumes` says where it is.
 */
export async function removeVolume(conn: Connection, name: string): Promise<void> {
  try {
    const record = await findVolumeRecord(conn, name);
    if (!record) return;
    await tolerate(() => conn.call('DELETE', `/configs/${record.id}`), [404]);
  } catch (err) {
    throw classify(err, conn.endpoint, `remove volume ${name}`);
  }
}
