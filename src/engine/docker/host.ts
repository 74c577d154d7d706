import type { EngineHost } from '../types.js';
import type { Connection } from './connection.js';

interface Info {
  NCPU?: number;
  Name?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
}

const infos = new WeakMap<Connection, Promise<Info | undefined>>();

/** The engine's /info, asked once per connection; undefined when the call fails. */
function info(conn: Connection): Promise<Info | undefined> {
  let known = infos.get(conn);
  if (!known) {
    known = conn.getJson<Info>('/info').then(
      (i) => i,
      () => undefined,
    );
    infos.set(conn, known);
  }
  return known;
}

/**
 * How many CPUs the engine's host has (`/info` NCPU): the engine refuses a `NanoCpus` above it
 * ("range of CPUs is from 0.01 to N"). Undefined when the engine does not say (or the call fails):
 * then limits go to the engine as written and it judges them itself.
 */
export async function hostCpuCount(conn: Connection): Promise<number | undefined> {
  const n = (await info(conn))?.NCPU;
  return typeof n === 'number' && n > 0 ? n : undefined;
}

/** The engine's host as /info describes it (empty when the call fails). */
export async function engineHost(conn: Connection): Promise<EngineHost> {
  const i = await info(conn);
  return {
    ...(i?.Name && { name: i.Name }),
    ...(i?.OperatingSystem && { operatingSystem: i.OperatingSystem }),
    ...(i?.OSType && { osType: i.OSType }),
    ...(i?.Architecture && { architecture: i.Architecture }),
  };
}
