import type { Duplex } from 'node:stream';
import type { Attachment, StdioStreams, TtySize } from '../types.js';
import type { Connection } from './connection.js';
import { classify } from './errors.js';
import { hijack } from './hijack.js';
import { pump } from './pump.js';

/**
 * Attaches to a container's streams on a hijacked connection, meant before its start so no output
 * is lost. stdin is asked for only when given; the engine ends the stream once the process exits,
 * whether or not stdin has ended.
 */
export async function attachContainer(
  conn: Connection,
  id: string,
  io: Omit<StdioStreams, 'resize'>,
): Promise<Attachment> {
  let socket: Duplex;
  try {
    socket = await hijack(
      conn.dial,
      `/containers/${encodeURIComponent(id)}/attach?stream=1&stdin=${io.stdin ? 1 : 0}&stdout=1&stderr=1`,
    );
  } catch (err) {
    throw classify(err, conn.endpoint, `attach to container ${id}`);
  }
  let closed = false;
  const ended = pump(socket, io).catch((err: unknown) => {
    if (!closed) throw classify(err, conn.endpoint, `stream the output of container ${id}`);
  });
  ended.catch(() => undefined);
  return {
    ended,
    close: () => {
      closed = true;
      socket.destroy();
    },
  };
}

/** A resize that misses (no TTY, the process just ended) changes nothing worth reporting. */
export async function resizeContainer(conn: Connection, id: string, size: TtySize): Promise<void> {
  try {
    await conn.call('POST', `/containers/${encodeURIComponent(id)}/resize?h=${size.rows}&w=${size.cols}`, undefined, {
      retry: false,
    });
  } catch {
    // see above
  }
}
