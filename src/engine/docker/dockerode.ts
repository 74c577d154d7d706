import fs from 'node:fs';
import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';
import type { Endpoint } from './endpoint.js';
import { sshAgent } from './ssh-stream.js';

/**
 * dockerode, for the stream it serves (pull progress: docker-modem's followProgress), over the same
 * transport as every raw call: the socket, TCP, TLS with the endpoint's certificates, or ssh through
 * the `ssh` command (never ssh2). Imported on first use only, so no other command pays its load time.
 */
export async function loadDockerode(endpoint: Endpoint): Promise<Dockerode> {
  const { default: Docker } = await import('dockerode');
  const t = endpoint.transport;
  if (!t) throw Object.assign(new Error(endpoint.invalid ?? 'no endpoint'), { code: 'EINVALID' });
  if (t.kind === 'unix') return new Docker({ socketPath: t.socketPath });
  if (t.kind === 'ssh') return new Docker({ protocol: 'http', host: 'localhost', port: 80, agent: sshAgent(t) } as Dockerode.DockerOptions);
  if (!t.tls) return new Docker({ protocol: 'http', host: t.host, port: t.port });
  const read = (file?: string): Buffer | undefined => (file ? fs.readFileSync(file) : undefined);
  const agent = new (httpsModule().Agent)({ rejectUnauthorized: t.tls.verify, ca: read(t.tls.ca), cert: read(t.tls.cert), key: read(t.tls.key) });
  return new Docker({ protocol: 'https', host: t.host, port: t.port, agent } as Dockerode.DockerOptions);
}

/** node:https (and tls) load only for a TLS engine: a tenth of pond's own start-up otherwise. */
function httpsModule(): typeof import('node:https') {
  return createRequire(import.meta.url)('node:https') as typeof import('node:https');
}
