import type Dockerode from 'dockerode';
import type { Endpoint } from './endpoint.js';
import { sshAgent } from './ssh-stream.js';
import { httpsModule, tlsOptions } from './transport.js';

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
  if (t.kind === 'ssh')
    return new Docker({ protocol: 'http', host: 'localhost', port: 80, agent: sshAgent(t) } as Dockerode.DockerOptions);
  if (!t.tls) return new Docker({ protocol: 'http', host: t.host, port: t.port });
  const agent = new (httpsModule().Agent)(tlsOptions(t.tls));
  return new Docker({ protocol: 'https', host: t.host, port: t.port, agent } as Dockerode.DockerOptions);
}
