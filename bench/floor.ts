import { createHash } from 'node:crypto';
import { EngineHttpError, labelFilter, type HttpEngine } from './engine-http.js';
import { reversed, runGraph } from './graph-pool.js';
import type { Op } from './ops.js';
import { COMMAND, IMAGE, changedService, dependencies, envFor } from './stack.js';

/** What one floor operation needs: the stack size, the revision to converge to, and the call cap. */
export interface FloorArgs {
  project: string;
  n: number;
  rev: number;
  concurrency: number;
}

interface Listed {
  Id: string;
  State: string;
  Labels: Record<string, string> | null;
}

const PROJECT = 'dev.pond.project';
const WORKLOAD = 'dev.pond.workload';

/** The network name pond would use, so floor and pond create the same objects. */
export function floorNetwork(project: string): string {
  return `${project}_default`;
}

/** The create body pond would send for one service: same image, argv, env, init, alias and label set. */
export function createBody(a: FloorArgs, service: string): object {
  const env = envFor(a.n, service, a.rev);
  const spec = JSON.stringify({ command: COMMAND, env, image: IMAGE, init: true });
  const network = floorNetwork(a.project);
  return {
    Image: IMAGE,
    Cmd: COMMAND,
    Env: Object.keys(env)
      .sort()
      .map((k) => `${k}=${env[k]}`),
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

/** The lists pond's observe makes (containers, volumes, networks), one label-filtered GET each, in parallel. */
async function observe(e: HttpEngine, project: string): Promise<Listed[]> {
  const q = labelFilter(`${PROJECT}=${project}`);
  const [containers] = await Promise.all([
    e.call<Listed[]>('GET', `/containers/json?all=1&${q}`),
    e.call('GET', `/volumes?${q}`),
    e.call('GET', `/networks?${q}`),
  ]);
  return containers;
}

async function createStarted(e: HttpEngine, a: FloorArgs, service: string, name: string): Promise<string> {
  const { Id } = await e.call<{ Id: string }>(
    'POST',
    `/containers/create?name=${encodeURIComponent(name)}`,
    createBody(a, service),
  );
  return Id;
}

/** Network, then each container created and started as soon as the one it depends on has started. */
async function cold(e: HttpEngine, a: FloorArgs): Promise<void> {
  await e.call('POST', '/networks/create', {
    Name: floorNetwork(a.project),
    CheckDuplicate: true,
    Driver: 'bridge',
    Labels: { [PROJECT]: a.project },
  });
  await runGraph(dependencies(a.n), a.concurrency, async (s) => {
    const id = await createStarted(e, a, s, `${a.project}-${s}`);
    await e.call('POST', `/containers/${id}/start`);
  });
}

async function look(e: HttpEngine, a: FloorArgs): Promise<void> {
  const listed = await observe(e, a.project);
  if (listed.length !== a.n) throw new Error(`floor: expected ${a.n} containers, saw ${listed.length}`);
}

/** The lists, then the changed leaf replaced: create under a temporary name, stop and remove the old, rename, start. */
async function change(e: HttpEngine, a: FloorArgs): Promise<void> {
  const service = changedService(a.n);
  const old = (await observe(e, a.project)).find((c) => c.Labels?.[WORKLOAD] === service);
  if (!old) throw new Error(`floor change: no container for ${service}`);
  const name = `${a.project}-${service}`;
  const fresh = await createStarted(e, a, service, `${old.Id.slice(0, 12)}_${name}`);
  await e.call('POST', `/containers/${old.Id}/stop?t=10`);
  await e.call('DELETE', `/containers/${old.Id}?v=1`);
  await e.call('POST', `/containers/${fresh}/rename?name=${encodeURIComponent(name)}`);
  await e.call('POST', `/containers/${fresh}/start`);
}

/** The lists, then each container stopped and removed once its dependents are gone, then the network. */
async function down(e: HttpEngine, a: FloorArgs): Promise<void> {
  const listed = await observe(e, a.project);
  const byService = new Map(listed.map((c) => [c.Labels?.[WORKLOAD] ?? c.Id, c]));
  await runGraph(reversed(dependencies(a.n)), a.concurrency, async (s) => {
    const c = byService.get(s);
    if (!c) return;
    if (c.State === 'running') await e.call('POST', `/containers/${c.Id}/stop?t=10`);
    await e.call('DELETE', `/containers/${c.Id}?v=1`);
  });
  await removeNetwork(e, floorNetwork(a.project));
}

/** Like pond: "has active endpoints" right after a mass teardown is retried ~2 s, then left (DESIGN §7). */
async function removeNetwork(e: HttpEngine, name: string): Promise<void> {
  for (let attempt = 0; attempt <= 10; attempt++) {
    try {
      await e.call('DELETE', `/networks/${encodeURIComponent(name)}`);
      return;
    } catch (err) {
      if (!(err instanceof EngineHttpError) || !/active endpoints/i.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const RUN: Record<Op, (e: HttpEngine, a: FloorArgs) => Promise<void>> = { cold, noop: look, plan: look, change, down };

/** Performs one operation with the least raw HTTP calls it needs: the floor pond is compared with. */
export function floorOp(e: HttpEngine, op: Op, a: FloorArgs): Promise<void> {
  return RUN[op](e, a);
}
