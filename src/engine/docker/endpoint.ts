/**
 * TLS for a tcp endpoint, as file paths (read when first dialled). Only files that exist are named,
 * as the docker CLI drops missing ones; `verify: false` accepts any server certificate.
 */
export interface TlsFiles {
  verify: boolean;
  ca?: string;
  cert?: string;
  key?: string;
  /** Where the files were looked for: named when the engine asks for a client certificate pond has none of. */
  dir?: string;
}

/** How bytes reach the engine: its socket, TCP (optionally TLS), or `docker system dial-stdio` over ssh. */
export type Transport =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles }
  | { kind: 'ssh'; host: string; user?: string; port?: number; socketPath?: string };

/**
 * Where the engine lives and why pond went there. `url` (empty for a context that does not exist) and
 * `source` ("from DOCKER_HOST", `from context "x", set by DOCKER_CONTEXT`, "the default: …") are what
 * an unreachable-engine message names; exactly one of `transport` or `invalid` (why this endpoint
 * cannot be used) is set.
 */
export interface Endpoint {
  url: string;
  source: string;
  transport?: Transport;
  invalid?: string;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** The default endpoint: the local socket, as the docker CLI's `default` context without DOCKER_HOST. */
export function defaultEndpoint(
  source = 'the default: no DOCKER_HOST, DOCKER_CONTEXT or current docker context is set',
): Endpoint {
  return { url: `unix://${DEFAULT_SOCKET}`, source, transport: { kind: 'unix', socketPath: DEFAULT_SOCKET } };
}

/**
 * Parses a docker host URL (`unix://`, `tcp://`, `ssh://`) into a transport. `tls` applies to tcp
 * only and picks the default port (2376 with TLS, 2375 without). Never throws.
 */
export function parseHost(url: string, source: string, tls?: TlsFiles): Endpoint {
  const at = (transport: Transport): Endpoint => ({ url, source, transport });
  const bad = (why: string): Endpoint => ({ url, source, invalid: why });
  if (url.startsWith('unix://')) return at({ kind: 'unix', socketPath: url.slice('unix://'.length) || DEFAULT_SOCKET });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return bad('not a URL; use unix:///path, tcp://host:port or ssh://[user@]host[:port]');
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme === 'tcp' || scheme === 'http') return tcp(parsed, tls, at, bad);
  if (scheme === 'ssh') return ssh(parsed, at, bad);
  return bad(`the ${scheme}:// scheme is not supported; use unix://, tcp:// or ssh://`);
}

type At = (t: Transport) => Endpoint;
type Bad = (why: string) => Endpoint;

function tcp(u: URL, tls: TlsFiles | undefined, at: At, bad: Bad): Endpoint {
  if (!u.hostname) return bad('no host name');
  if (u.pathname && u.pathname !== '/') return bad('a path after the port is not supported');
  const port = u.port ? Number(u.port) : tls ? 2376 : 2375;
  return at({ kind: 'tcp', host: u.hostname.replace(/^\[|\]$/g, ''), port, ...(tls && { tls }) });
}

function ssh(u: URL, at: At, bad: Bad): Endpoint {
  if (!u.hostname) return bad('no host name');
  if (u.password) return bad('a password in an ssh:// URL is not supported; use an ssh key or agent');
  if (u.search || u.hash) return bad('an ssh:// URL takes no query or fragment');
  const path = u.pathname && u.pathname !== '/' ? decodeURIComponent(u.pathname) : undefined;
  return at({
    kind: 'ssh',
    host: u.hostname.replace(/^\[|\]$/g, ''),
    ...(u.username && { user: decodeURIComponent(u.username) }),
    ...(u.port && { port: Number(u.port) }),
    ...(path && { socketPath: path }),
  });
}
