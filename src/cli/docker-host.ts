import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Reads a file's text, or undefined when it is not there: the one I/O the resolution needs. */
export type ReadText = (file: string) => string | undefined;

const readText: ReadText = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The engine address the docker CLI would use: DOCKER_HOST, else the context DOCKER_CONTEXT names,
 * else the `currentContext` of $DOCKER_CONFIG/config.json (`docker context use`); undefined means the
 * default socket. A named context that does not exist is a usage error, like `docker --context`.
 */
export function dockerHost(env: Record<string, string | undefined>, read: ReadText = readText): string | undefined {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  const configDir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  const name = env.DOCKER_CONTEXT || currentContext(read(path.join(configDir, 'config.json')));
  if (!name || name === 'default') return undefined;
  const meta = read(path.join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json'));
  const host = meta === undefined ? undefined : endpointOf(meta);
  if (host === undefined) throw new UsageError(`docker context "${name}" not found (or it has no docker endpoint)`, `docker context ls lists them; unset ${env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : 'the current context (docker context use default)'} or set DOCKER_HOST`);
  return host;
}

function currentContext(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const v = (JSON.parse(text) as { currentContext?: unknown }).currentContext;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function endpointOf(text: string): string | undefined {
  try {
    const host = (JSON.parse(text) as { Endpoints?: { docker?: { Host?: unknown } } }).Endpoints?.docker?.Host;
    return typeof host === 'string' && host !== '' ? host : undefined;
  } catch {
    return undefined;
  }
}
