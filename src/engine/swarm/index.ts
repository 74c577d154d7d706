import { EngineError } from '../../errors.js';
import { LABEL } from '../../labels.js';
import { BACKEND_CAPABILITIES } from '../capabilities.js';
import type { Engine } from '../types.js';
import { createConnection, type Connection } from '../docker/connection.js';
import { classify } from '../docker/errors.js';
import { engineHost } from '../docker/host.js';
import * as images from '../docker/images.js';
import { inspectImage } from '../docker/image-info.js';
import { resolveEndpoint } from '../docker/resolve-endpoint.js';
import { retryPolicy } from '../docker/retry.js';
import { serviceLogs } from './logs.js';
import { exitWithResults } from './collect.js';
import { removeIsolated } from './isolated.js';
import * as networks from './networks.js';
import { listServices, observe, tasksAndNodes, toObserved } from './observe.js';
import { imagePins } from './publish.js';
import { run } from './run.js';
import { pruneSecrets } from './secrets.js';
import * as services from './services.js';
import { openTunnel, removeTunnels } from './tunnel.js';
import * as volumes from './volumes.js';
import * as wait from './wait.js';

/**
 * Where the swarm manager is (the environment resolves it as for Docker: DOCKER_HOST, context), and
 * the registry every node pulls local images from (`registry:` / `--registry`), when there is one.
 */
export type SwarmEngineOptions = { env: Record<string, string | undefined>; retryBudgetMs?: number; registry?: string };

/**
 * The Docker Swarm backend of `Engine`, spoken to through a manager: a workload is a service, its
 * instances are tasks, a run is a replicated job. What needs a task's own node (exec, stats, copying a
 * file out, attaching) is declared missing, so validate refuses it up front.
 */
export function createSwarmEngine(opts: SwarmEngineOptions): Engine {
  const endpoint = resolveEndpoint(opts.env);
  const conn = createConnection(endpoint, retryPolicy(opts.retryBudgetMs));
  const pins = imagePins(conn, opts.registry);
  const missing = (what: string) => () =>
    Promise.reject(
      new EngineError(`${what} is not available on the swarm backend`, undefined, 'use the docker backend for it'),
    );
  const observeOne = async (id: string) => {
    const s = await services.inspectService(conn, id);
    const { tasks, nodes } = await tasksAndNodes(conn, [s]);
    return toObserved(s, tasks, nodes);
  };
  const isJob = async (id: string) => 'ReplicatedJob' in (await services.inspectService(conn, id)).Spec.Mode;
  const justCreated = new Set<string>();
  // A stop is a scale to 0, waited for, its exit code recorded from the tasks live when it was asked
  // for. A job (a run) cannot be scaled down: stopping it removes it, as its own handle's stop does.
  const scaleDown = async (id: string, timeoutMs: number): Promise<void> => {
    if (await isJob(id)) return services.removeService(conn, id);
    const stopping = await wait.liveTaskIds(conn, id);
    await services.scaleService(conn, id, 0);
    await services.recordExit(conn, id, await wait.waitDown(conn, id, timeoutMs, stopping));
  };
  return {
    endpoint: endpoint.url,
    backend: 'swarm',
    capabilities: BACKEND_CAPABILITIES.swarm,
    run: (spec, o) => run(conn, spec, o, pins),
    ping: () => pingManager(conn),
    observe: (project) => observe(conn, project),
    listPondWorkloads: async () => {
      const all = await listServices(conn, { label: [LABEL.project] });
      const { tasks, nodes } = await tasksAndNodes(conn, all);
      return all.map((s) => toObserved(s, tasks, nodes));
    },
    hasImage: (image) => images.hasImage(conn, image),
    inspectImage: (ref) => inspectImage(conn, ref),
    pullImage: (image, onProgress) => images.pullImage(conn, image, onProgress),
    ...(opts.registry && { publishImage: (image, onProgress) => pins.pin(image, onProgress).then(() => undefined) }),
    createNetwork: (spec) => networks.createNetwork(conn, spec),
    removeNetwork: async (name) => {
      await removeTunnels(conn, name);
      const project = await networks.projectOf(conn, name);
      await networks.removeNetwork(conn, name);
      if (project) await removeIsolated(conn, project);
    },
    createVolume: (spec) => volumes.createVolume(conn, spec),
    removeVolume: (name) => volumes.removeVolume(conn, name),
    createWorkload: async (spec) => {
      const id = await services.createService(conn, spec, false, pins);
      justCreated.add(id);
      return id;
    },
    // A service runs once created: the start that follows a create only waits for it. A fast one-shot
    // may have finished by then, and starting it again would run it twice.
    startWorkload: async (id) => {
      if (!justCreated.delete(id)) await services.startService(conn, id);
      await wait.waitStarted(conn, id, (await services.inspectService(conn, id)).Spec.Name, 120_000);
    },
    stopWorkload: (id, timeoutSec) => scaleDown(id, (timeoutSec + 30) * 1000),
    // A task's process is on its node, out of the manager's reach: a kill stops the service at once.
    killWorkload: (id) => scaleDown(id, 30_000),
    removeWorkload: (id) => services.removeService(conn, id),
    renameWorkload: (id, name) => services.renameService(id, name),
    updateWorkload: async (id, version, spec, o) => {
      const body = await services.serviceSpecFor(conn, spec, false, pins);
      const before = await services.inspectService(conn, id);
      await services.updateService(conn, id, Number(version), body);
      await wait.waitRolled(conn, id, before, o);
      await pruneSecrets(conn, spec.name, await services.inspectService(conn, id));
    },
    inspectWorkload: observeOne,
    waitReady: (id, health, o) => wait.waitReady(conn, id, health, o),
    waitSettled: (id, o) => wait.waitSettled(conn, id, o),
    probe: (id) => wait.probeOnce(conn, id),
    // A run that ended well hands its result folders back (a query's output) before it counts as done.
    waitExit: (id, o) => exitWithResults(conn, id, o?.signal),
    logs: (id, o) => serviceLogs(conn, id, o),
    stats: missing('pond stats'),
    top: missing('pond top'),
    copyOut: missing('copying a file out of a task'),
    exec: missing('pond exec'),
    attach: missing('attaching to a task'),
    resizeTty: () => Promise.resolve(),
    tunnel: (network, host, port, labels) => openTunnel(conn, network, host, port, labels),
    host: () => engineHost(conn),
  };
}

interface SwarmInfo {
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeAddr?: string };
}

/** The endpoint answers and is a manager of an active swarm; otherwise one line says what to do. */
async function pingManager(conn: Connection): Promise<void> {
  let info: SwarmInfo;
  try {
    await conn.getJson('/_ping', { timeoutMs: 5_000 });
    info = await conn.getJson<SwarmInfo>('/info');
  } catch (err) {
    throw classify(err, conn.endpoint, 'ping');
  }
  if (info.Swarm?.LocalNodeState !== 'active')
    throw new EngineError(
      `the engine at ${conn.endpoint.url} is not part of a swarm (state: ${info.Swarm?.LocalNodeState ?? 'unknown'})`,
      undefined,
      'point DOCKER_HOST at a swarm manager, or create one with: docker swarm init',
    );
  if (!info.Swarm.ControlAvailable)
    throw new EngineError(
      `the engine at ${conn.endpoint.url} is a swarm worker; pond needs a manager`,
      undefined,
      'point DOCKER_HOST at a manager node (docker node ls on a manager lists them)',
    );
}
