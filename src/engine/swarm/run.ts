import { EngineError } from '../../errors.js';
import type { RunHandle, StartRunOptions, TaskSpec } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { runLogs } from './run-logs.js';
import { createService, removeService } from './services.js';
import { tasksOf, waitExit, waitStarted } from './wait.js';

/**
 * What a run stopped by pond reports: a job cannot be stopped and kept, so its service is removed
 * and its task's own exit code goes with it; this is the code a container killed by its stop reports.
 */
export const STOPPED_EXIT = 137;

/**
 * One run as a replicated job of one task (never restarted): Swarm places it, pond follows its
 * output through the manager and reads its exit code from the task. Nothing is attached: a cluster
 * task's stdio cannot be reached from pond's machine.
 */
export async function run(conn: Connection, spec: TaskSpec, opts: StartRunOptions = {}): Promise<RunHandle> {
  if (opts.stdio)
    throw new EngineError(
      `${spec.name}: a run on the swarm cannot be attached to this terminal`,
      undefined,
      'run it without -i/-t',
    );
  const id = await createService(conn, spec, true);
  try {
    await waitStarted(conn, id, spec.name, 120_000);
  } catch (err) {
    if (!opts.keepOnFailedStart) await removeService(conn, id).catch(() => undefined);
    throw err;
  }
  const stopping = deferred();
  const stopped = deferred();
  const ended = async (signal?: AbortSignal): Promise<number> => {
    const done = new AbortController();
    const abort = (): void => done.abort();
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
    try {
      return await Promise.race([waitExit(conn, id, done.signal), stopped.promise.then(() => STOPPED_EXIT)]);
    } finally {
      abort();
      signal?.removeEventListener('abort', abort);
    }
  };
  return {
    id,
    logs: (o) => runLogs(conn, id, o, (signal) => Promise.race([ended(signal), stopping.promise])),
    wait: async (o) => ({ exitCode: await ended(o?.signal) }),
    collect: () =>
      Promise.reject(
        new EngineError(
          `${spec.name}: a file cannot be copied out of a task on the swarm`,
          undefined,
          'print it instead',
        ),
      ),
    stop: async () => {
      const running = (await tasksOf(conn, id)).some((t) => t.Status.State === 'running');
      if (!running) return;
      stopping.resolve();
      await removeService(conn, id);
      stopped.resolve();
    },
    resize: () => Promise.resolve(),
    remove: () => removeService(conn, id),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
