import { BACKEND_CAPABILITIES } from '../capabilities.js';
import type { Engine } from '../types.js';
import { copyFromContainer } from './archive.js';
import { attachContainer, resizeContainer } from './attach.js';
import { createConnection } from './connection.js';
import { parseHost } from './endpoint.js';
import { resolveEndpoint } from './resolve-endpoint.js';
import * as containers from './containers.js';
import { classify } from './errors.js';
import * as images from './images.js';
import { inspectImage } from './image-info.js';
import { listPondContainers } from './list-all.js';
import { events } from './events.js';
import { exec } from './exec.js';
import { engineHost } from './host.js';
import { logs } from './logs.js';
import * as networks from './networks.js';
import { observe } from './observe.js';
import { inspectRaw } from './inspect.js';
import { probeOnce } from './probes.js';
import { retryPolicy } from './retry.js';
import { run } from './run.js';
import { waitReady } from './readiness.js';
import { waitSettled } from './settle.js';
import { stats } from './stats.js';
import { top } from './top.js';
import * as volumes from './volumes.js';

/**
 * Where to connect: an explicit host, or the environment to resolve one from. The environment is
 * always the caller's (a composition root's): the backend never reads the process's own.
 */
export type DockerEngineOptions = ({ host: string } | { env: Record<string, string | undefined> }) & {
  retryBudgetMs?: number;
};

/**
 * The Docker backend of `Engine`. Connects to `opts.host` when given, else where the docker CLI
 * would with `opts.env`: DOCKER_HOST, DOCKER_CONTEXT, the current context,
 * the default socket (resolve-endpoint.ts); `endpoint` is that URL. Transient engine failures are retried for
 * `retryBudgetMs` (default 3 s; 0 turns retries off) on every call, see retry.ts. Creating it costs nothing:
 * nothing is dialled (or an ssh spawned) before the first call.
 */
export function createDockerEngine(opts: DockerEngineOptions): Engine {
  const endpoint = 'host' in opts ? parseHost(opts.host, 'given to pond') : resolveEndpoint(opts.env);
  const conn = createConnection(endpoint, retryPolicy(opts.retryBudgetMs));
  return {
    endpoint: endpoint.url,
    backend: 'docker',
    capabilities: BACKEND_CAPABILITIES.docker,
    run: (spec, o) => run(conn, spec, o),
    ping: async () => {
      try {
        await conn.getJson('/_ping', { timeoutMs: 5_000 });
      } catch (err) {
        throw classify(err, endpoint, 'ping');
      }
    },
    observe: (project) => observe(conn, project),
    listPondWorkloads: () => listPondContainers(conn),
    hasImage: (image) => images.hasImage(conn, image),
    inspectImage: (ref) => inspectImage(conn, ref),
    pullImage: (image, onProgress) => images.pullImage(conn, image, onProgress),
    createNetwork: (spec) => networks.createNetwork(conn, spec),
    removeNetwork: (name) => networks.removeNetwork(conn, name),
    createVolume: (spec) => volumes.createVolume(conn, spec),
    removeVolume: (name) => volumes.removeVolume(conn, name),
    createWorkload: (spec) => containers.createContainer(conn, spec),
    startWorkload: (id) => containers.startContainer(conn, id),
    stopWorkload: (id, timeoutSec) => containers.stopContainer(conn, id, timeoutSec),
    killWorkload: (id, signal) => containers.killContainer(conn, id, signal),
    removeWorkload: (id) => containers.removeContainer(conn, id),
    renameWorkload: (id, name) => containers.renameContainer(conn, id, name),
    inspectWorkload: (id) => containers.inspectContainer(conn, id),
    waitReady: (id, health, o) => waitReady(conn, id, health, o),
    waitSettled: (id, o) => waitSettled(conn, id, o),
    probe: async (id, probe, timeoutMs) => probeOnce(conn, id, await inspectRaw(conn, id), probe, timeoutMs),
    waitExit: (id, o) => containers.waitExit(conn, id, o?.signal),
    logs: (id, o) => logs(conn, id, o),
    stats: (id) => stats(conn, id),
    top: (id) => top(conn, id),
    copyOut: (id, path) => copyFromContainer(conn, id, path),
    events: (project, signal) => events(conn, project, signal),
    exec: (id, req) => exec(conn, id, req),
    host: () => engineHost(conn),
    attach: (id, io) => attachContainer(conn, id, io),
    resizeTty: (id, size) => resizeContainer(conn, id, size),
  };
}
