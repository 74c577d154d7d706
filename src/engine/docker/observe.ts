import type { InstanceState, ObservedWorkload, ObservedNetwork, ObservedState, ObservedVolume } from '../types.js';
import { filtersQuery, type Connection } from './connection.js';
import { classify } from './errors.js';
import { projectFilter } from './labels.js';

/** A container as the engine's list call answers (the fields pond reads). */
export interface ListedContainer {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID?: string;
  State: string;
  Status: string;
  Labels?: Record<string, string> | null;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
}

interface ListedNetwork {
  Id: string;
  Name: string;
  Labels?: Record<string, string> | null;
}

interface ListedVolumes {
  Volumes?: { Name: string; Labels?: Record<string, string> | null }[] | null;
}

/**
 * One label-filtered snapshot: three list calls in parallel, no per-container inspect (its cost grows
 * with the container count). So `restartCount` is 0 and `startedAt` is unset here; inspectContainer
 * fills them. Never mutates.
 */
export async function observe(conn: Connection, project: string): Promise<ObservedState> {
  const query = filtersQuery(projectFilter(project));
  try {
    const [containers, volumes, networks] = await Promise.all([
      conn.getJson<ListedContainer[]>(`/containers/json?all=1&${query}`),
      conn.getJson<ListedVolumes>(`/volumes?${query}`),
      conn.getJson<ListedNetwork[]>(`/networks?${query}`),
    ]);
    return {
      workloads: containers.map(toObservedContainer),
      volumes: (volumes.Volumes ?? []).map((v): ObservedVolume => ({ name: v.Name, labels: v.Labels ?? {} })),
      networks: networks.map((n): ObservedNetwork => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} })),
    };
  } catch (err) {
    throw classify(err, conn.endpoint, `observe project ${project}`);
  }
}

/** A listed container in pond's terms: no inspect, so no start time and 0 restarts; its one instance is itself. */
export function toObservedContainer(c: ListedContainer): ObservedWorkload {
  const health = healthFromStatus(c.Status);
  const exitCode = exitCodeFromStatus(c.Status);
  const state = c.State as InstanceState;
  return {
    id: c.Id,
    version: c.Id,
    instances: [{ id: c.Id, state, ...(health ? { health } : {}), ...(exitCode !== undefined ? { exitCode } : {}) }],
    name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
    labels: c.Labels ?? {},
    state,
    ...(health ? { health } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    image: c.Image,
    ...(c.ImageID ? { imageId: c.ImageID } : {}),
    restartCount: 0,
    ports: (c.Ports ?? [])
      .filter((p) => p.PublicPort !== undefined)
      .map((p) => ({ container: p.PrivatePort, host: p.PublicPort ?? 0, hostIp: p.IP ?? '', protocol: p.Type })),
  };
}

/** The list API only reports health inside the human status text: "Up 3 minutes (healthy)". */
export function healthFromStatus(status: string): ObservedWorkload['health'] {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return undefined;
}

function exitCodeFromStatus(status: string): number | undefined {
  const m = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status);
  return m?.[1] !== undefined ? Number(m[1]) : undefined;
}
