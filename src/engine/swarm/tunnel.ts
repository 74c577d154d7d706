import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { EngineError } from '../../errors.js';
import { LABEL } from '../../labels.js';
import type { Tunnel } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import * as containers from '../docker/containers.js';
import { exec } from '../docker/exec.js';
import { hasImage } from '../docker/images.js';
import { taskSpecOf } from './tunnel-spec.js';

/** The image that carries a tunnel: small, with `nc`, on the manager already (nothing is pulled). */
export const TUNNEL_IMAGE = 'busybox:1.35';
const TUNNEL_LABEL = 'dev.pond.tunnel';

/**
 * A private port reached from pond's machine, with nothing published on any node: a small container
 * on the manager's own engine joins the project's attachable overlay network, and each connection is
 * one `nc host port` exec'd in it, its stdin and stdout carried over the manager's API. Only pond's
 * machine (through the API) gets in; closing removes the container.
 */
export async function openTunnel(
  conn: Connection,
  network: string,
  host: string,
  port: number,
  labels: Record<string, string>,
): Promise<Tunnel> {
  if (!(await hasImage(conn, TUNNEL_IMAGE)))
    throw new EngineError(
      `port-forward needs the image ${TUNNEL_IMAGE} on the swarm manager (its nc carries the connections)`,
      undefined,
      `load it there: docker save ${TUNNEL_IMAGE} | docker -H <manager> load`,
    );
  const name = `${network}-tunnel-${randomBytes(3).toString('hex')}`;
  const id = await containers.createContainer(
    conn,
    taskSpecOf(name, TUNNEL_IMAGE, network, { ...labels, [TUNNEL_LABEL]: `${host}:${port}`, [LABEL.run]: 'tunnel' }),
  );
  await containers.startContainer(conn, id);
  const sink = new Writable({ write: (_c, _e, done) => done() });
  return {
    connect: async (socket) => {
      await exec(conn, id, {
        cmd: ['nc', host, String(port)],
        env: {},
        tty: false,
        stdin: socket,
        stdout: socket,
        stderr: sink,
      });
      socket.end();
    },
    close: () => containers.removeContainer(conn, id),
  };
}

/** Removes the tunnels left on `network` (a port-forward killed hard), so the network can go. */
export async function removeTunnels(conn: Connection, network: string): Promise<void> {
  const listed = await conn.getJson<{ Id: string; Names?: string[] }[]>(
    `/containers/json?all=1&${filtersQuery({ label: [TUNNEL_LABEL], network: [network] })}`,
  );
  for (const c of listed) await containers.removeContainer(conn, c.Id).catch(() => undefined);
}
