import { EngineError } from '../../errors.js';
import type { RunHandle, StartRunOptions, TaskSpec } from '../types.js';
import type { Connection } from '../docker/connection.js';
import type { ImagePins } from './publish.js';
import { exitWithResults } from './collect.js';
import { runLogs } from './run-logs.js';
import { createService, removeService } from './services.js';
import { tasksOf, waitExit, waitStarted } from './wait.js';

/**
 * One run as a replicated job of one task (never restarted): Swarm places it, pond follows its
 * output through the manager and reads its exit code from the task. Nothing is attached: a cluster
 * task's stdio cannot be reached from pond's machine.
 */
export async function run(
  conn: Connection,
  spec: TaskSpec,
  opts: StartRunOptions = {},
  pins?: ImagePins,
): Promise<RunHandle> {
  if (opts.stdio)
    throw new EngineError(
      `${spec.name}: a run on the swarm cannot be attached to this terminal`,
      undefined,
      'run it without -i/-t',
    );
  const id = await createService(conn, spec, true, pins);
  try {
    await waitStarted(conn, id, spec.name, 120_000);
  } catch (err) {
    if (!opts.keepOnFailedStart) await removeService(conn, id).catch(() => undefined);
    throw err;
  }
  return {
    id,
    logs: (o) => runLogs(conn, id, o, (signal) => waitExit(conn, id, signal)),
    wait: async (o) => ({ exitCode: await exitWithResults(conn, id, o?.signal) }),
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
      if (running) await removeService(conn, id);
    },
    resize: () => Promise.resolve(),
    remove: () => removeService(conn, id),
  };
}
