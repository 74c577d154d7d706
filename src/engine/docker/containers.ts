import { EngineError, InterruptedError, StaleContainerError } from '../../errors.js';
import type { TaskSpec, ObservedWorkload } from '../types.js';
import type { Connection } from './connection.js';
import { toCreateOptions } from './create-options.js';
import { hostCpuCount } from './host.js';
import { classify, engineMessage, statusOf, tolerate } from './errors.js';
import { inspectRaw, toObserved } from './inspect.js';
import { CONFIG_HASH_LABEL, sameOwner } from './labels.js';
import { isConnectionFault, withRetry } from './retry.js';

const NOT_OURS_HINT = 'rename or remove that container yourself, or change the project name in pond.yaml';

/**
 * Creates (does not start) a container, its CPU limit lowered to the host's CPUs; a name taken by anyone is refused, never touched. A create
 * whose connection broke may have happened without pond hearing the answer, so a retry first looks
 * the name up: a container there with this project's label and the same config hash is the one
 * pond asked for, and its id is adopted; one that is not ours is refused as on a first attempt.
 */
export async function createContainer(conn: Connection, spec: TaskSpec): Promise<string> {
  const host = spec.resources.cpus === undefined ? {} : { cpus: await hostCpuCount(conn) };
  const { name, ...body } = toCreateOptions(spec, host);
  let retried = false;
  try {
    return await withRetry(
      conn.retry,
      async (attempt) => {
        retried = attempt > 0;
        const adopted = retried ? await adoptable(conn, spec) : undefined;
        if (adopted) return adopted;
        const created = await conn.call<{ Id: string }>(
          'POST',
          `/containers/create?name=${encodeURIComponent(name!)}`,
          body,
          { retry: false },
        );
        return created.Id;
      },
      isConnectionFault,
    );
  } catch (err) {
    if (statusOf(err) === 409 && retried) {
      const late = await adoptable(conn, spec).catch(() => undefined);
      if (late) return late;
    }
    if (statusOf(err) === 409) throw await conflict(conn, spec, err);
    if (statusOf(err) === 404 && /image/i.test(engineMessage(err))) {
      throw new EngineError(
        `create container ${spec.name} failed: image ${spec.image} is not present`,
        404,
        'pull or build the image first',
      );
    }
    throw classify(err, conn.endpoint, `create container ${spec.name}`);
  }
}

/** The id of the container an earlier, unanswered attempt created; undefined when the name is free. */
async function adoptable(conn: Connection, spec: TaskSpec): Promise<string | undefined> {
  const raw = await inspectRaw(conn, spec.name, { retry: false }).catch((err: unknown) => {
    if (statusOf(err) === 404) return undefined;
    throw err;
  });
  if (!raw) return undefined;
  const labels = raw.Config.Labels ?? {};
  if (!sameOwner(labels, spec.labels)) throw nameTaken(spec.name, { statusCode: 409 });
  if (labels[CONFIG_HASH_LABEL] !== spec.labels[CONFIG_HASH_LABEL])
    throw await conflict(conn, spec, { statusCode: 409 });
  return raw.Id;
}

async function conflict(conn: Connection, spec: TaskSpec, err: unknown): Promise<EngineError> {
  const labels = await inspectRaw(conn, spec.name).then(
    (raw) => raw.Config.Labels,
    () => undefined,
  );
  if (!sameOwner(labels, spec.labels)) return nameTaken(spec.name, err);
  return new EngineError(
    `a container named ${spec.name} already exists in this project`,
    409,
    'run the plan again: it was created since the last observe',
  );
}

function nameTaken(name: string, err: unknown): EngineError {
  return new EngineError(
    `a container named ${name} already exists and is not managed by this project; pond will not touch it`,
    statusOf(err),
    NOT_OURS_HINT,
  );
}

/** Starts a container; "already started" (304) counts as success. */
export async function startContainer(conn: Connection, id: string): Promise<void> {
  try {
    await tolerate(() => conn.call('POST', `/containers/${id}/start`, undefined, { retry: true }), [304]);
  } catch (err) {
    if (/task .* already exists|id already in use/i.test(engineMessage(err))) {
      throw new StaleContainerError(
        `start container ${id} failed: the engine kept a stale task for it (dockerd crashed mid-start)`,
        statusOf(err),
        'pond up recreates it',
      );
    }
    throw classify(err, conn.endpoint, `start container ${id}`);
  }
}

/** Stops a container; already stopped (304) or already gone (404) count as success. */
export async function stopContainer(conn: Connection, id: string, timeoutSec: number): Promise<void> {
  try {
    await tolerate(
      () =>
        conn.call('POST', `/containers/${id}/stop?t=${timeoutSec}`, undefined, {
          timeoutMs: (timeoutSec + 30) * 1000,
          retry: true,
        }),
      [304, 404],
    );
  } catch (err) {
    throw classify(err, conn.endpoint, `stop container ${id}`);
  }
}

/** Sends a signal to a running container's main process (docker kill); a container that is not running answers 409. */
export async function killContainer(conn: Connection, id: string, signal: string): Promise<void> {
  try {
    await conn.call('POST', `/containers/${id}/kill?signal=${encodeURIComponent(signal)}`, undefined, {
      timeoutMs: 30_000,
      retry: false,
    });
  } catch (err) {
    throw classify(err, conn.endpoint, `kill container ${id}`);
  }
}

/** Just after a dockerd restart its storage may still hold a dead container's filesystem for a moment. */
const BUSY_RETRY = { budgetMs: 15_000, firstDelayMs: 100, maxDelayMs: 2_000 };

function busyFilesystem(err: unknown): boolean {
  return statusOf(err) === 500 && /unable to remove filesystem|device or resource busy/i.test(engineMessage(err));
}

/**
 * Removes a container and its anonymous volumes (never named ones). Already gone (404) or already
 * being removed counts as success; a still-running container (409) is killed and removed, since the
 * caller asked for it to be gone and graceful stopping is its job. A filesystem still busy (a
 * dockerd just restarted) is tried again for up to 15 s.
 */
export async function removeContainer(conn: Connection, id: string): Promise<void> {
  try {
    await withRetry(
      BUSY_RETRY,
      () => tolerate(() => conn.call('DELETE', `/containers/${id}?v=1`, undefined, { retry: true }), [404]),
      busyFilesystem,
    );
  } catch (err) {
    if (statusOf(err) !== 409) throw classify(err, conn.endpoint, `remove container ${id}`);
    if (/already in progress/i.test(engineMessage(err))) return;
    try {
      await tolerate(() => conn.call('DELETE', `/containers/${id}?v=1&force=1`, undefined, { retry: true }), [404]);
    } catch (again) {
      throw classify(again, conn.endpoint, `remove container ${id}`);
    }
  }
}

/** Renames a container; a taken target name is refused like on create. */
export async function renameContainer(conn: Connection, id: string, name: string): Promise<void> {
  try {
    await conn.call('POST', `/containers/${id}/rename?name=${encodeURIComponent(name)}`);
  } catch (err) {
    if (statusOf(err) === 409) throw nameTaken(name, err);
    throw classify(err, conn.endpoint, `rename container ${id} to ${name}`);
  }
}

/** Full view of one container, including restart count and engine-side health. */
export async function inspectContainer(conn: Connection, id: string): Promise<ObservedWorkload> {
  try {
    return toObserved(await inspectRaw(conn, id));
  } catch (err) {
    throw classify(err, conn.endpoint, `inspect container ${id}`);
  }
}

/** Waits for the container to stop and returns its exit code. */
export async function waitExit(conn: Connection, id: string, signal?: AbortSignal): Promise<number> {
  try {
    const res = await conn.stream('POST', `/containers/${encodeURIComponent(id)}/wait`, undefined, signal);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { StatusCode: number }).StatusCode;
  } catch (err) {
    if (signal?.aborted) throw new InterruptedError(`stopped waiting for container ${id} to exit`);
    throw classify(err, conn.endpoint, `wait for container ${id}`);
  }
}
