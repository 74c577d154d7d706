import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type https from 'node:https';
import type { Endpoint, TlsFiles } from './endpoint.js';
import { sshAgent } from './ssh-stream.js';

/** Opens one HTTP request to the engine, whatever carries it: every raw call, stream and hijack goes through one. */
export type Dial = (options: http.RequestOptions) => http.ClientRequest;

/**
 * The request function for an endpoint: over its unix socket, TCP, TLS (certificates read once,
 * here) or ssh (one agent, so connections are reused). An invalid endpoint yields a Dial that
 * throws an EINVALID error naming why, which callers turn into an unreachable-engine error.
 */
export function dialer(endpoint: Endpoint): Dial {
  const t = endpoint.transport;
  if (!t) return failing(Object.assign(new Error(endpoint.invalid ?? 'no endpoint'), { code: 'EINVALID' }));
  // An empty servername: TLS's SNI has no use on a socket, and Node's agent would otherwise derive one
  // from the Host header through its IPv6 check, whose regular expression costs ~5 ms to build.
  const unix: Partial<https.RequestOptions> = { servername: '' };
  if (t.kind === 'unix') return (o) => http.request({ ...o, socketPath: t.socketPath, ...unix });
  if (t.kind === 'ssh') {
    const agent = sshAgent(t);
    return (o) => http.request({ ...o, agent });
  }
  if (!t.tls) return (o) => http.request({ ...o, host: t.host, port: t.port });
  let secure: https.RequestOptions;
  try {
    secure = tlsOptions(t.tls);
  } catch (err) {
    return failing(err);
  }
  return (o) => httpsModule().request({ ...o, host: t.host, port: t.port, ...secure });
}

function failing(err: unknown): Dial {
  return () => {
    throw err;
  };
}

/** The TLS options for an endpoint's certificate files: what the raw calls and dockerode's agent both use. */
export function tlsOptions(tls: TlsFiles): Pick<https.RequestOptions, 'rejectUnauthorized' | 'ca' | 'cert' | 'key'> {
  const read = (file: string | undefined): Buffer | undefined => (file ? fs.readFileSync(file) : undefined);
  const [ca, cert, key] = [read(tls.ca), read(tls.cert), read(tls.key)];
  return { rejectUnauthorized: tls.verify, ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }) };
}

/** node:https (and tls) load only for a TLS engine: a tenth of pond's own start-up otherwise. */
export function httpsModule(): typeof import('node:https') {
  return createRequire(import.meta.url)('node:https') as typeof import('node:https');
}
