import type { Attachment, TaskSpec, RunExit, RunHandle, StartRunOptions } from '../types.js';
import { copyFromContainer } from './archive.js';
import { attachContainer, resizeContainer } from './attach.js';
import type { Connection } from './connection.js';
import * as containers from './containers.js';
import { inspectRaw } from './inspect.js';
import { logs } from './logs.js';

/** The exit code of a SIGKILL: the only one an OOM kill can leave, so the only one worth an inspect. */
const KILLED = 137;

/**
 * A run on Docker is one container: created (with a terminal and open stdin when the attached stdio
 * asks), attached before its start, started. A failed start lets go of the streams and removes the
 * container unless told to keep it.
 */
export async function run(conn: Connection, spec: TaskSpec, opts: StartRunOptions = {}): Promise<RunHandle> {
  const io = opts.stdio;
  const id = await containers.createContainer(conn, {
    ...spec,
    ...(io?.tty && { tty: true }),
    ...(io?.stdin && { openStdin: true }),
  });
  let attached: Attachment | undefined;
  try {
    if (io) attached = await attachContainer(conn, id, io);
    await containers.startContainer(conn, id);
  } catch (err) {
    attached?.close();
    if (!opts.keepOnFailedStart) await containers.removeContainer(conn, id).catch(() => undefined);
    throw err;
  }
  return handle(conn, id, attached);
}

function handle(conn: Connection, id: string, attached: Attachment | undefined): RunHandle {
  return {
    id,
    logs: (o) => logs(conn, id, o),
    wait: async (o) => {
      const [exitCode] = await Promise.all([containers.waitExit(conn, id, o?.signal), attached?.ended]);
      return exitCode === KILLED ? { exitCode, oomKilled: await oomKilled(conn, id) } : { exitCode };
    },
    collect: (path) => copyFromContainer(conn, id, path),
    stop: (timeoutSec) => containers.stopContainer(conn, id, timeoutSec),
    resize: (size) => resizeContainer(conn, id, size),
    remove: () => containers.removeContainer(conn, id),
  };
}

async function oomKilled(conn: Connection, id: string): Promise<RunExit['oomKilled']> {
  try {
    return !!(await inspectRaw(conn, id)).State.OOMKilled;
  } catch {
    return undefined;
  }
}
