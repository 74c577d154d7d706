import type { Mount, TaskSpec } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { bakeImage } from './bake.js';
import { COLLECT_LABEL, carriedCommand } from './carrier.js';
import { isolatedNetwork } from './isolated.js';

type Bind = Extract<Mount, { type: 'bind' }>;

/** A task spec as a cluster task can run it, with what the service needs beside it. */
export interface Carried {
  spec: TaskSpec;
  /** Service labels: the result folders to write back on pond's machine. */
  labels: Record<string, string>;
  /** The manager's own node, when the baked image lives only there (no registry to share it). */
  constraint?: string;
}

/**
 * What a one-machine spec asks that a node cannot give, made so it can: `network: none` becomes the
 * project's internal overlay; pond's own files (`baked` binds) go into an image made from the spec's,
 * built on the manager; a `collected` result folder becomes a tmpfs in the task, handed back through
 * the run's output by the carrier script wrapped around its command. Without a registry the baked
 * image exists only on the manager, so the task runs there.
 */
export async function carrySpec(conn: Connection, spec: TaskSpec, hasRegistry: boolean): Promise<Carried> {
  const isolated = spec.network === 'none' ? { network: await isolatedNetwork(conn, spec.labels), aliases: [] } : {};
  const binds = spec.mounts.filter((m): m is Bind => m.type === 'bind' && m.carry !== undefined);
  if (binds.length === 0) return { spec: { ...spec, ...isolated }, labels: {} };
  const baked = binds.filter((m) => m.carry === 'baked');
  const collected = binds.filter((m) => m.carry === 'collected');
  const image = await bakeImage(conn, spec.image, baked, collected.length > 0);
  const mounts = spec.mounts
    .filter((m) => !baked.includes(m as Bind))
    .map((m): Mount => (collected.includes(m as Bind) ? { type: 'tmpfs', target: m.target } : m));
  const argv = [...(spec.entrypoint ?? image.entrypoint), ...(spec.command ?? [])];
  const command = collected.length
    ? {
        entrypoint: carriedCommand(
          collected.map((m) => m.target),
          argv,
        ),
      }
    : {};
  const carried: TaskSpec = { ...spec, ...isolated, image: image.image, mounts, ...command };
  if (collected.length) delete carried.command;
  const labels: Record<string, string> = collected.length
    ? { [COLLECT_LABEL]: JSON.stringify(collected.map((m) => m.source)) }
    : {};
  if (hasRegistry) return { spec: carried, labels };
  const info = await conn.getJson<{ Swarm?: { NodeID?: string } }>('/info');
  return { spec: carried, labels, ...(info.Swarm?.NodeID && { constraint: `node.id==${info.Swarm.NodeID}` }) };
}
