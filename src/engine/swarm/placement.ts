import type { Mount } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { EngineError } from '../../errors.js';
import type { SwarmNode, SwarmTask } from './api.js';
import { findVolumeRecord, pinVolume, type VolumeRecord } from './volumes.js';
import { byText } from '../../canonical.js';

/**
 * The node a workload with node-local volumes must run on: the one its volumes already live on, or,
 * at its first create, the ready node running the fewest tasks (written into each volume's record, so
 * every later create and update lands there too). Two volumes on two nodes cannot be mounted together.
 * Undefined for a workload without volumes: Swarm places it freely.
 */
export async function pinnedNode(
  conn: Connection,
  name: string,
  mounts: Mount[],
): Promise<{ node?: string; records: VolumeRecord[] }> {
  const volumes = mounts.filter((m) => m.type === 'volume').map((m) => m.source);
  if (volumes.length === 0) return { records: [] };
  const records = (await Promise.all(volumes.map((v) => findVolumeRecord(conn, v)))).filter(
    (r): r is VolumeRecord => !!r,
  );
  const placed = [...new Set(records.map((r) => r.node).filter((n): n is string => !!n))];
  if (placed.length > 1)
    throw new EngineError(
      `${name}: its volumes live on different nodes (${placed.join(', ')}), and one task cannot mount both`,
      undefined,
      'give the workload one volume, or move the data onto one node',
    );
  const node = placed[0] ?? (await leastBusyNode(conn));
  for (const r of records) if (!r.node) await pinVolume(conn, r, node);
  return { node, records };
}

async function leastBusyNode(conn: Connection): Promise<string> {
  const [nodes, tasks] = await Promise.all([
    conn.getJson<SwarmNode[]>('/nodes'),
    conn.getJson<SwarmTask[]>(`/tasks?filters=${encodeURIComponent(JSON.stringify({ 'desired-state': ['running'] }))}`),
  ]);
  const ready = nodes.filter((n) => n.Status?.State === 'ready' && (n.Spec?.Availability ?? 'active') === 'active');
  if (ready.length === 0) throw new EngineError('no node of the swarm is ready and active to hold the volume');
  const load = (n: SwarmNode) => tasks.filter((t) => t.NodeID === n.ID).length;
  return [...ready].sort((a, b) => load(a) - load(b) || byText(a.ID, b.ID))[0]!.ID;
}
