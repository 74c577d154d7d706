import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;

/** The docker CLI's config folder: DOCKER_CONFIG, else ~/.docker. Contexts and default certs live there. */
export function configDir(env: Env): string {
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return path.join(env.HOME || os.homedir(), '.docker');
}

/** `currentContext` of config.json, set by `docker context use`; undefined when absent or unreadable. */
export function currentContext(dir: string): string | undefined {
  const config = readJson(path.join(dir, 'config.json')) as { currentContext?: unknown } | undefined;
  return typeof config?.currentContext === 'string' && config.currentContext ? config.currentContext : undefined;
}

/** What pond reads of a context: its docker endpoint and whether TLS verification is off. */
export interface ContextEndpoint {
  host?: string;
  skipTlsVerify: boolean;
  /** The TLS folder of the context; its ca.pem, cert.pem and key.pem are the ones that exist. */
  tlsDir: string;
  tlsFiles: { ca?: string; cert?: string; key?: string };
}

/**
 * A named context as the docker CLI stores it: meta/<sha256 of the name>/meta.json and
 * tls/<sha256>/docker/*.pem. Undefined when the context does not exist; `metaFile` says where it was looked for.
 */
export function readContext(dir: string, name: string): { metaFile: string; endpoint?: ContextEndpoint } {
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = path.join(dir, 'contexts', 'meta', id, 'meta.json');
  const meta = readJson(metaFile) as
    { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } } | undefined;
  if (!meta) return { metaFile };
  const docker = meta.Endpoints?.docker;
  const tlsDir = path.join(dir, 'contexts', 'tls', id, 'docker');
  return {
    metaFile,
    endpoint: {
      ...(typeof docker?.Host === 'string' && docker.Host && { host: docker.Host }),
      skipTlsVerify: docker?.SkipTLSVerify === true,
      tlsDir,
      tlsFiles: pemFiles(tlsDir),
    },
  };
}

/** The ca.pem, cert.pem and key.pem that exist in `dir`. */
export function pemFiles(dir: string): { ca?: string; cert?: string; key?: string } {
  const at = (name: string): string | undefined => {
    const file = path.join(dir, `${name}.pem`);
    return fs.existsSync(file) ? file : undefined;
  };
  const [ca, cert, key] = [at('ca'), at('cert'), at('key')];
  return { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }) };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
