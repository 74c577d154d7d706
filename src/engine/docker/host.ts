import type { Connection } from './connection.js';

const cpuCounts = new WeakMap<Connection, Promise<number | undefined>>();

/**
 * How many CPUs the engine's host has (`/info` NCPU), asked once per connection: the engine refuses
 * a `NanoCpus` above it ("range of CPUs is from 0.01 to N"). Undefined when the engine does not say
 * (or the call fails): then limits go to the engine as written and it judges them itself.
 */
export function hostCpuCount(conn: Connection): Promise<number | undefined> {
  let known = cpuCounts.get(conn);
  if (!known) {
    known = conn.getJson<{ NCPU?: number }>('/info').then((info) => (typeof info.NCPU === 'number' && info.NCPU > 0 ? info.NCPU : undefined), () => undefined);
    cpuCounts.set(conn, known);
  }
  return known;
}
