import Docker from 'dockerode';
import type { TaskView } from './swarm-ready.js';

/** The manager of scripts/swarm.sh's cluster, and where node N's own engine listens. */
export const MANAGER = process.env.POND_BENCH_SWARM ?? 'unix:///run/pond-swarm/1/docker.sock';
export const nodeSocket = (n: number): string => `/run/pond-swarm/${n}/docker.sock`;
export const NODES = [1, 2, 3];

const docker = (socket: string): Docker => new Docker({ socketPath: socket.replace(/^unix:\/\//, '') });
export const manager = docker(MANAGER);

/** One side's objects: services by a label, named `<prefix><workload>`. */
export interface Scope {
  label: string;
  value: string;
  prefix: string;
}

interface ServiceInfo {
  ID: string;
  Version?: { Index?: number };
  UpdateStatus?: { State?: string };
  Spec?: { Name?: string };
}

async function services(s: Scope): Promise<ServiceInfo[]> {
  return (await manager.listServices({ filters: { label: [`${s.label}=${s.value}`] } })) as ServiceInfo[];
}

/** workload → the service's Version.Index: an update of any kind bumps it. */
export async function versions(s: Scope): Promise<Record<string, number>> {
  const list = await services(s);
  return Object.fromEntries(list.map((x) => [(x.Spec?.Name ?? '').slice(s.prefix.length), x.Version?.Index ?? -1]));
}

/** The Swarm's own word on the last update of a workload's service ("completed", "updating", ...), or "". */
export async function updateState(s: Scope, workload: string): Promise<string> {
  const found = (await services(s)).find((x) => x.Spec?.Name === `${s.prefix}${workload}`);
  return found?.UpdateStatus?.State ?? '';
}

interface TaskInfo {
  ID: string;
  ServiceID: string;
  DesiredState?: string;
  Status?: { State?: string };
  Spec?: { ContainerSpec?: { Env?: string[] } };
}

/** Every task the manager still keeps of the scope's services. */
export async function tasks(s: Scope): Promise<TaskView[]> {
  const list = await services(s);
  if (!list.length) return [];
  const names = new Map(list.map((x) => [x.ID, (x.Spec?.Name ?? '').slice(s.prefix.length)]));
  const all = (await manager.listTasks({ filters: { service: [...names.keys()] } })) as TaskInfo[];
  return all
    .filter((t) => names.has(t.ServiceID))
    .map((t) => ({
      id: t.ID,
      workload: names.get(t.ServiceID)!,
      desired: t.DesiredState ?? '',
      state: t.Status?.State ?? '',
      env: t.Spec?.ContainerSpec?.Env ?? [],
    }));
}

/** How many nodes the manager sees Ready: a run during a node loss is not comparable. */
export async function readyNodes(): Promise<number> {
  const list = (await manager.listNodes()) as { Status?: { State?: string } }[];
  return list.filter((n) => n.Status?.State === 'ready').length;
}

/** Node engines that answer now: the lead's tests stop and start workers while this runs. */
export async function liveNodes(): Promise<{ n: number; engine: Docker }[]> {
  const all = NODES.map((n) => ({ n, engine: docker(nodeSocket(n)) }));
  const up = await Promise.all(
    all.map((x) =>
      x.engine.ping().then(
        () => true,
        () => false,
      ),
    ),
  );
  return all.filter((_, i) => up[i]);
}

/** What is left of the scope: services, networks and secrets on the manager, volumes and containers on any node. */
export async function leftovers(s: Scope, volumePrefix: string): Promise<string[]> {
  const filters = { label: [`${s.label}=${s.value}`] };
  const left = [
    ...(await services(s)).map((x) => `service ${x.Spec?.Name}`),
    ...(await manager.listNetworks({ filters })).map((n) => `network ${n.Name}`),
    ...((await manager.listSecrets({ filters })) as { Spec?: { Name?: string } }[]).map(
      (x) => `secret ${x.Spec?.Name}`,
    ),
  ];
  for (const { n, engine: node } of await liveNodes()) {
    const vols = (await node.listVolumes()).Volumes ?? [];
    left.push(...vols.filter((v) => v.Name.startsWith(volumePrefix)).map((v) => `volume ${v.Name} on node ${n}`));
    const cs = await node.listContainers({ all: true, filters: { name: [s.prefix] } });
    left.push(...cs.map((c) => `container ${c.Names[0]} on node ${n}`));
  }
  return left;
}

/** Removes volumes named `<prefix>…` on every node (a volume lives on the node its task ran on). */
export async function removeVolumes(prefix: string): Promise<void> {
  for (const { engine: node } of await liveNodes()) {
    const vols = (await node.listVolumes()).Volumes ?? [];
    for (const v of vols.filter((x) => x.Name.startsWith(prefix)))
      await node
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined);
  }
}
