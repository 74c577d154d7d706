/**
 * Where the engine lives. `url` is what the user sees in errors; exactly one of `socketPath` or
 * `host`/`port` is set when the scheme is supported, otherwise `unsupported` says why.
 */
export interface Endpoint {
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
  unsupported?: string;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Resolves `host` (or DOCKER_HOST, or the default socket) into an endpoint; never throws. */
export function resolveEndpoint(host = process.env.DOCKER_HOST): Endpoint {
  if (!host) return { url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET };
  if (host.startsWith('unix://')) return { url: host, socketPath: host.slice('unix://'.length) || DEFAULT_SOCKET };
  const tcp = /^(?:tcp|http):\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(host);
  if (tcp?.[1]) return { url: host, host: tcp[1].replace(/^\[|\]$/g, ''), port: Number(tcp[2] ?? 2375) };
  return { url: host, unsupported: 'only unix:// and tcp:// (without TLS) endpoints are supported' };
}
