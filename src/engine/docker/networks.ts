import { EngineError } from '../../errors.js';
import type { NetworkSpec } from '../types.js';
import { filtersQuery, type Connection } from './connection.js';
import { classify, engineMessage, statusOf, tolerate } from './errors.js';
import { sameOwner } from './labels.js';

const ACTIVE_ENDPOINT_RETRIES = 10;
const RETRY_DELAY_MS = 200;
const STUCK_HINT =
  'pond force-disconnected what the network listed; dockerd keeps a stale endpoint it does not list until it restarts';

export interface ListedNetwork {
  Id: string;
  Name: string;
  Labels?: Record<string, string> | null;
}

/**
 * Creates the project network, or returns the id of the one that already carries this project's
 * label (idempotent). A same-named network pond does not own is refused. CheckDuplicate is always
 * set: without it the engine happily makes two networks with one name (§7).
 */
export async function createNetwork(conn: Connection, spec: NetworkSpec): Promise<string> {
  try {
    const existing = await findNetwork(conn, spec.name);
    if (existing) return adopt(existing, spec);
    const created = await conn.call<{ Id: string }>(
      'POST',
      '/networks/create',
      { Name: spec.name, CheckDuplicate: true, Driver: 'bridge', Labels: spec.labels },
      { retry: true },
    );
    return created.Id;
  } catch (err) {
    if (statusOf(err) === 409) return raceLoser(conn, spec, err);
    throw classify(err, conn.endpoint, `create network ${spec.name}`);
  }
}

async function raceLoser(conn: Connection, spec: NetworkSpec, err: unknown): Promise<string> {
  const existing = await findNetwork(conn, spec.name).catch(() => undefined);
  if (existing) return adopt(existing, spec);
  throw classify(err, conn.endpoint, `create network ${spec.name}`);
}

/** The existing network's id when it carries this project's labels; one pond does not own is refused. */
export function adopt(existing: ListedNetwork, spec: NetworkSpec): string {
  if (sameOwner(existing.Labels, spec.labels)) return existing.Id;
  throw new EngineError(
    `network ${spec.name} exists and is not managed by this project; pond will not touch it`,
    409,
    'remove or rename that network yourself, or change the project name in pond.yaml',
  );
}

async function findNetwork(conn: Connection, name: string): Promise<ListedNetwork | undefined> {
  const listed = await conn.getJson<ListedNetwork[]>(`/networks?${filtersQuery({ name: [name] })}`);
  return listed.find((n) => n.Name === name);
}

/**
 * Removes a network; already gone (404) is success. "has active endpoints" is answered by
 * force-disconnecting every endpoint the network still lists (a container started after the
 * observe, someone else's container attached by hand, or a stale endpoint dockerd 20.10 keeps after
 * a mass teardown, §7), then removing again; containers are only disconnected, never removed. After
 * about two seconds of refusals the EngineError names the network so the caller can warn instead.
 */
export async function removeNetwork(conn: Connection, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await tolerate(
        () => conn.call('DELETE', `/networks/${encodeURIComponent(name)}`, undefined, { retry: true }),
        [404],
      );
      return;
    } catch (err) {
      if (!hasActiveEndpoints(err) || attempt >= ACTIVE_ENDPOINT_RETRIES) {
        throw classify(err, conn.endpoint, `remove network ${name}`, hasActiveEndpoints(err) ? STUCK_HINT : undefined);
      }
      await disconnectAll(conn, name).catch(() => undefined);
      if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    }
  }
}

interface InspectedNetwork {
  Containers?: Record<string, { Name?: string }> | null;
}

/** Force-disconnects every endpoint; by name when known, since a stale endpoint's container id no longer resolves. */
async function disconnectAll(conn: Connection, name: string): Promise<void> {
  const net = await conn.getJson<InspectedNetwork>(`/networks/${encodeURIComponent(name)}`);
  const endpoints = Object.entries(net.Containers ?? {}).map(([id, c]) => c.Name || id);
  await Promise.all(
    endpoints.map((Container) =>
      tolerate(
        () =>
          conn.call(
            'POST',
            `/networks/${encodeURIComponent(name)}/disconnect`,
            { Container, Force: true },
            { retry: true },
          ),
        [404],
      ),
    ),
  );
}

function hasActiveEndpoints(err: unknown): boolean {
  return /active endpoints/i.test(engineMessage(err));
}
