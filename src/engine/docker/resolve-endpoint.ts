import path from 'node:path';
import { configDir, currentContext, pemFiles, readContext } from './docker-config.js';
import { defaultEndpoint, parseHost, type Endpoint, type TlsFiles } from './endpoint.js';

type Env = Record<string, string | undefined>;

/**
 * Which engine to talk to, chosen as the docker CLI (28) does: a non-empty DOCKER_HOST wins, then
 * DOCKER_CONTEXT, then `currentContext` in $DOCKER_CONFIG/config.json (or ~/.docker/config.json),
 * then the default socket. The context `default` means DOCKER_HOST or the default socket. With
 * DOCKER_HOST, TLS is on when DOCKER_TLS_VERIFY (verifying) or DOCKER_TLS is non-empty, with the
 * certificates of DOCKER_CERT_PATH or the config folder. Reads files, never throws: a context that
 * does not exist comes back `invalid`, naming where it was looked for.
 */
export function resolveEndpoint(env: Env): Endpoint {
  const dir = configDir(env);
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, 'from DOCKER_HOST', hostTls(env, dir));
  if (env.DOCKER_CONTEXT) return fromContext(dir, env.DOCKER_CONTEXT, 'set by DOCKER_CONTEXT');
  const current = currentContext(dir);
  if (current) return fromContext(dir, current, `the current context in ${path.join(dir, 'config.json')}`);
  return defaultEndpoint();
}

function hostTls(env: Env, dir: string): TlsFiles | undefined {
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return undefined;
  const certDir = env.DOCKER_CERT_PATH || dir;
  return { verify, ...pemFiles(certDir), dir: certDir };
}

function fromContext(dir: string, name: string, why: string): Endpoint {
  const source = `from context "${name}", ${why}`;
  if (name === 'default') return defaultEndpoint(source);
  const { metaFile, endpoint } = readContext(dir, name);
  if (!endpoint)
    return { url: '', source, invalid: `the context does not exist (no ${metaFile}); see \`docker context ls\`` };
  if (!endpoint.host)
    return { url: '', source, invalid: `the context has no docker endpoint (Endpoints.docker.Host in ${metaFile})` };
  const hasTls = Object.keys(endpoint.tlsFiles).length > 0 || endpoint.skipTlsVerify;
  const tls: TlsFiles | undefined = hasTls
    ? { verify: !endpoint.skipTlsVerify, ...endpoint.tlsFiles, dir: endpoint.tlsDir }
    : undefined;
  return parseHost(endpoint.host, source, tls);
}
