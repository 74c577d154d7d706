import type { InstanceState, ObservedWorkload } from '../types.js';
import type { Connection, RequestOptions } from './connection.js';

/** The subset of the engine's container inspect answer pond reads. */
export interface RawInspect {
  Id: string;
  Name: string;
  RestartCount: number;
  Config: { Image: string; Labels?: Record<string, string> | null };
  State: {
    Status: string;
    Running: boolean;
    ExitCode: number;
    OOMKilled?: boolean;
    StartedAt: string;
    Pid?: number;
    Health?: { Status: string };
  };
  HostConfig: { NetworkMode?: string; Memory?: number };
  NetworkSettings: {
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; NetworkID?: string }> | null;
  };
}

/** Inspects through the raw client (one GET over node:http); errors are left for the caller to classify. */
export function inspectRaw(conn: Connection, id: string, opts?: RequestOptions): Promise<RawInspect> {
  return conn.getJson<RawInspect>(`/containers/${encodeURIComponent(id)}/json`, opts);
}

/**
 * Maps an inspect answer to pond's view, with the restart count, health and OOM verdict the list API
 * lacks. A restarting container keeps its last exit code (the engine resets it to 0 once it runs).
 */
export function toObserved(raw: RawInspect): ObservedWorkload {
  const health = raw.State.Health?.Status;
  const neverStarted = raw.State.StartedAt.startsWith('0001-');
  const exited = raw.State.Status === 'exited' || raw.State.Status === 'dead';
  const state = raw.State.Status as InstanceState;
  const facts: Pick<ObservedWorkload, 'health' | 'exitCode'> = {
    ...(health === 'starting' || health === 'healthy' || health === 'unhealthy' ? { health } : {}),
    ...(exited || raw.State.Status === 'restarting' ? { exitCode: raw.State.ExitCode } : {}),
  };
  return {
    id: raw.Id,
    version: raw.Id,
    instances: [{ id: raw.Id, state, ...facts, ...(neverStarted ? {} : { startedAt: raw.State.StartedAt }) }],
    name: raw.Name.replace(/^\//, ''),
    labels: raw.Config.Labels ?? {},
    state,
    ...facts,
    oomKilled: !!raw.State.OOMKilled,
    ...(raw.HostConfig.Memory ? { memoryLimitBytes: raw.HostConfig.Memory } : {}),
    image: raw.Config.Image,
    ...(neverStarted ? {} : { startedAt: raw.State.StartedAt }),
    restartCount: raw.RestartCount,
    ...(raw.State.Pid ? { pid: raw.State.Pid } : {}),
    ports: Object.entries(raw.NetworkSettings.Ports ?? {}).flatMap(([key, bindings]) => {
      const [port, protocol = 'tcp'] = key.split('/');
      return (bindings ?? []).map((b) => ({
        container: Number(port),
        host: Number(b.HostPort),
        hostIp: b.HostIp,
        protocol,
      }));
    }),
  };
}

/** Stopped for good: the engine will not start it again by itself. */
export function hasExited(raw: RawInspect): boolean {
  return raw.State.Status === 'exited' || raw.State.Status === 'dead';
}
