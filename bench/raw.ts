import { createHash } from 'node:crypto';
import Docker from 'dockerode';
import { COMMAND, IMAGE, changedService, envFor, serviceNames } from './stack.js';

/** The four measured operations, in the order a cycle runs them. */
export const OPS = ['cold', 'noop', 'change', 'down'] as const;
export type Op = (typeof OPS)[number];

/** What one raw operation needs: the stack size, the revision to converge to, and the call cap. */
export interface RawArgs {
  project: string;
  n: number;
  rev: number;
  concurrency: number;
}

const PROJECT = 'dev.pond.project';
const WORKLOAD = 'dev.pond.workload';

/** The network name pond would use, so raw and pond create the same objects. */
export function rawNetwork(project: string): string {
  return `${project}_default`;
}

/** Runs `fn` over `items` with at most `cap` calls in flight, like pond's executor limit. */
export async function pool<T>(items: T[], cap: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(cap, items.length) }, worker));
}

/**
 * The create body pond would send for one service: same image, argv, env, init, network alias and
 * the same label set (project, workload, kind, config hash, spec JSON, version).
 */
export function createBody(a: RawArgs, service: string, name: string): Docker.ContainerCreateOptions {
  const env = envFor(a.n, service, a.rev);
  const spec = JSON.stringify({ command: COMMAND, env, image: IMAGE, init: true });
  const network = rawNetwork(a.project);
  return {
    name,
    Image: IMAGE,
    Cmd: COMMAND,
    Env: Object.keys(env).sort().map((k) => `${k}=${env[k]}`),
    StopTimeout: 10,
    Labels: {
      [PROJECT]: a.project,
      [WORKLOAD]: service,
      'dev.pond.kind': 'service',
      'dev.pond.config-hash': createHash('sha256').update(spec).digest('hex'),
      'dev.pond.spec': spec,
      'dev.pond.version': 'bench',
    },
    HostConfig: { Init: true, NetworkMode: network, RestartPolicy: { Name: 'no' } },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [service] } } },
  };
}

async function observe(docker: Docker, project: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${PROJECT}=${project}`] } });
}

async function cold(docker: Docker, a: RawArgs): Promise<void> {
  await docker.createNetwork({ Name: rawNetwork(a.project), CheckDuplicate: true, Driver: 'bridge', Labels: { [PROJECT]: a.project } });
  await pool(serviceNames(a.n), a.concurrency, async (s) => {
    const c = await docker.createContainer(createBody(a, s, `${a.project}-${s}`));
    await c.start();
  });
}

async function noop(docker: Docker, a: RawArgs): Promise<void> {
  const listed = await observe(docker, a.project);
  if (listed.length !== a.n) throw new Error(`raw noop: expected ${a.n} containers, saw ${listed.length}`);
}

async function change(docker: Docker, a: RawArgs): Promise<void> {
  const service = changedService(a.n);
  const old = (await observe(docker, a.project)).find((c) => c.Labels[WORKLOAD] === service);
  if (!old) throw new Error(`raw change: no container for ${service}`);
  const name = `${a.project}-${service}`;
  const fresh = await docker.createContainer(createBody(a, service, `${old.Id.slice(0, 12)}_${name}`));
  const previous = docker.getContainer(old.Id);
  await previous.stop({ t: 10 });
  await previous.remove({ v: true });
  await fresh.rename({ name });
  await fresh.start();
}

async function down(docker: Docker, a: RawArgs): Promise<void> {
  const listed = await observe(docker, a.project);
  await pool(listed, a.concurrency, async (info) => {
    const c = docker.getContainer(info.Id);
    if (info.State === 'running') await c.stop({ t: 10 });
    await c.remove({ v: true });
  });
  await removeNetwork(docker, rawNetwork(a.project));
}

/** Like pond: "has active endpoints" right after a mass teardown is retried ~2 s, then left (DESIGN §7). */
async function removeNetwork(docker: Docker, name: string): Promise<void> {
  for (let attempt = 0; attempt <= 10; attempt++) {
    try {
      await docker.getNetwork(name).remove();
      return;
    } catch (err) {
      if (!/active endpoints/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const RUN: Record<Op, (docker: Docker, a: RawArgs) => Promise<void>> = { cold, noop, change, down };

/** Performs one operation with plain parallel dockerode calls: the floor pond is compared with. */
export function rawOp(docker: Docker, op: Op, a: RawArgs): Promise<void> {
  return RUN[op](docker, a);
}

/** A dockerode client on the local socket (or DOCKER_HOST's, as dockerode reads it). */
export function rawClient(): Docker {
  return new Docker();
}
