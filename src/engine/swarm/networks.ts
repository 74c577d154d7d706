import type { NetworkSpec, ObservedNetwork } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { EngineError } from '../../errors.js';
import { classify, engineMessage, statusOf, tolerate } from '../docker/errors.js';
import { projectFilter } from '../docker/labels.js';
import { LABEL } from '../../labels.js';
import { adopt, type ListedNetwork } from '../docker/networks.js';

/** The project's networks on the swarm (the manager lists every overlay network). */
export async function listNetworks(conn: Connection, project: string): Promise<ObservedNetwork[]> {
  const listed = await conn.getJson<ListedNetwork[]>(`/networks?${filtersQuery(projectFilter(project))}`);
  return listed.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
}

/**
 * The project network as an attachable overlay, so services on every node reach each other by name
 * (and one-off runs may join it). Idempotent; a same-named network pond does not own is refused.
 */
export async function createNetwork(conn: Connection, spec: NetworkSpec): Promise<string> {
  try {
    const existing = (await conn.getJson<ListedNetwork[]>(`/networks?${filtersQuery({ name: [spec.name] })}`)).find(
      (n) => n.Name === spec.name,
    );
    if (existing) return adopt(existing, spec);
    const created = await conn.call<{ Id: string }>('POST', '/networks/create', {
      Name: spec.name,
      CheckDuplicate: true,
      Driver: 'overlay',
      Attachable: true,
      Labels: spec.labels,
    });
    return created.Id;
  } catch (err) {
    throw classify(err, conn.endpoint, `create network ${spec.name}`);
  }
}

/** The project a network named exactly `name` belongs to (pond's label), undefined when none. */
export async function projectOf(conn: Connection, name: string): Promise<string | undefined> {
  const listed = await conn.getJson<ListedNetwork[]>(`/networks?${filtersQuery({ name: [name] })}`);
  return listed.find((n) => n.Name === name)?.Labels?.[LABEL.project];
}

/** The id of the network named exactly `name`, undefined when there is none. */
async function networkId(conn: Connection, name: string): Promise<string | undefined> {
  const listed = await conn.getJson<ListedNetwork[]>(`/networks?${filtersQuery({ name: [name] })}`);
  return listed.find((n) => n.Name === name)?.Id;
}

/**
 * Removes the network; gone is success. The manager removes a swarm network asynchronously, so its
 * removal is waited for until the list no longer shows it. Swarm frees a removed service's endpoints on each node a
 * moment later, so "active endpoints" is retried for a few seconds before it counts.
 */
export async function removeNetwork(conn: Connection, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await networkId(conn, name);
      if (id === undefined) return;
      await tolerate(() => conn.call('DELETE', `/networks/${id}`), [404]);
      if ((await networkId(conn, name)) === undefined) return;
      if (attempt >= 20) throw new EngineError(`network ${name} is still listed after its removal`);
      await new Promise((r) => setTimeout(r, 500));
    } catch (err) {
      const busy = statusOf(err) === 403 || /active endpoints|is in use/.test(engineMessage(err));
      if (!busy || attempt >= 20) throw classify(err, conn.endpoint, `remove network ${name}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
