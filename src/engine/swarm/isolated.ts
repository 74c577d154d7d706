import { filtersQuery, type Connection } from '../docker/connection.js';
import { classify, statusOf } from '../docker/errors.js';
import type { ListedNetwork } from '../docker/networks.js';
import { LABEL } from '../../labels.js';
import { removeNetwork } from './networks.js';

/** On the network a project's `network: none` tasks join: the project it is for. */
export const ISOLATED_LABEL = 'dev.pond.isolated';

/**
 * Swarm has no `network: none` (a task without a network lands on the node's bridge, with a route
 * out): such a task joins an internal overlay of its own project instead, which has no gateway and
 * only pond's isolated runs on it. It carries the task's owner labels, so `down` removes it with the
 * project's other networks (the planner of `up` leaves networks it does not want alone).
 */
export async function isolatedNetwork(conn: Connection, taskLabels: Record<string, string>): Promise<string> {
  const project = taskLabels[LABEL.project] ?? 'none';
  const name = `pond-isolated-${project}`;
  const owner = Object.fromEntries(OWNER_KEYS.flatMap((k) => (taskLabels[k] ? [[k, taskLabels[k]]] : [])));
  try {
    if (await listed(conn, name)) return name;
    await conn.call('POST', '/networks/create', {
      Name: name,
      CheckDuplicate: true,
      Driver: 'overlay',
      Internal: true,
      Labels: { ...owner, [LABEL.network]: 'isolated', [ISOLATED_LABEL]: project },
    });
  } catch (err) {
    if (statusOf(err) === 409 && (await listed(conn, name))) return name;
    throw classify(err, conn.endpoint, `create network ${name}`);
  }
  return name;
}

const OWNER_KEYS = [LABEL.project, LABEL.identity, LABEL.dir];

/** Removes the project's isolated network, if it has one. */
export async function removeIsolated(conn: Connection, project: string): Promise<void> {
  const nets = await conn.getJson<ListedNetwork[]>(
    `/networks?${filtersQuery({ label: [`${ISOLATED_LABEL}=${project}`] })}`,
  );
  for (const n of nets) await removeNetwork(conn, n.Name);
}

async function listed(conn: Connection, name: string): Promise<boolean> {
  const nets = await conn.getJson<ListedNetwork[]>(`/networks?${filtersQuery({ name: [name] })}`);
  return nets.some((n) => n.Name === name);
}
