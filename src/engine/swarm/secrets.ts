import { createHash } from 'node:crypto';
import type { TaskSpec } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { tolerate } from '../docker/errors.js';
import { ensureNamed } from './named-object.js';
import type { SwarmService } from './api.js';
import { FILE_OF } from './files.js';

/** On a Swarm secret: the service it was made for, so the ones no version uses any more can go. */
const SECRET_OF = 'dev.pond.secret-of';

/**
 * The official database images' entrypoints read these keys from `<KEY>_FILE` too, when they start
 * the server (not when the image runs another command, such as psql: it reads env alone).
 */
const FILE_VARIANTS: { image: RegExp; keys: string[]; server: RegExp }[] = [
  { image: /^(?:.*\/)?postgres(?::|@|$)/, keys: ['POSTGRES_PASSWORD'], server: /^(?:postgres|-.*)$/ },
  { image: /^(?:.*\/)?mysql(?::|@|$)/, keys: ['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD'], server: /^(?:mysqld|-.*)$/ },
  {
    image: /^(?:.*\/)?mariadb(?::|@|$)/,
    keys: ['MARIADB_ROOT_PASSWORD', 'MARIADB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD'],
    server: /^(?:mariadbd|mysqld|-.*)$/,
  },
];

/** The secret keys of `spec` its image's entrypoint reads from a file. */
export function fileKeys(spec: Pick<TaskSpec, 'image' | 'command' | 'entrypoint' | 'env' | 'sensitiveEnv'>): string[] {
  const variant = FILE_VARIANTS.find((v) => v.image.test(spec.image));
  if (!variant || spec.entrypoint) return [];
  if (spec.command?.[0] !== undefined && !variant.server.test(spec.command[0])) return [];
  return (spec.sensitiveEnv ?? []).filter((k) => variant.keys.includes(k) && spec.env[k] !== undefined);
}

export interface SecretRef {
  File: { Name: string; UID: string; GID: string; Mode: number };
  SecretID: string;
  SecretName: string;
}

/**
 * A spec's secret env as Swarm secrets, where the image can read them from a file: each value is a
 * secret named after its content (a new value is a new secret, so an update rolls to it and a
 * rollback finds the old one), mounted under /run/secrets, and the env says `<KEY>_FILE`. A value the
 * image can only read from env stays env (Swarm keeps service specs on its managers only).
 */
export async function withSecrets(
  conn: Connection,
  spec: TaskSpec,
): Promise<{ env: Record<string, string>; secrets: SecretRef[] }> {
  const keys = fileKeys(spec);
  if (keys.length === 0) return { env: spec.env, secrets: [] };
  const env = { ...spec.env };
  const secrets: SecretRef[] = [];
  for (const key of keys) {
    const value = env[key]!;
    const name = `${spec.name}.${key.toLowerCase()}.${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;
    const id = await ensureNamed(conn, 'secrets', name, Buffer.from(value), spec, SECRET_OF);
    secrets.push({ File: { Name: name, UID: '0', GID: '0', Mode: 0o444 }, SecretID: id, SecretName: name });
    delete env[key];
    env[`${key}_FILE`] = `/run/secrets/${name}`;
  }
  return { env, secrets };
}

/**
 * Removes the secrets and file configs made for service `name` that neither its spec nor its
 * previous spec (what a rollback returns to) mounts; all of them once the service is gone. Never
 * fails the caller: one still held by a task shutting down is left for the next prune.
 */
export async function pruneSecrets(conn: Connection, name: string, service?: SwarmService): Promise<void> {
  const specs = [service?.Spec, service?.PreviousSpec].map((s) => s?.TaskTemplate.ContainerSpec);
  const used = new Set([
    ...specs.flatMap((c) => (c?.Secrets ?? []).map((r) => r.SecretID)),
    ...specs.flatMap((c) => (c?.Configs ?? []).map((r) => r.ConfigID)),
  ]);
  await prune(conn, 'secrets', SECRET_OF, name, used);
  await prune(conn, 'configs', FILE_OF, name, used);
}

async function prune(conn: Connection, kind: string, label: string, name: string, used: Set<string>): Promise<void> {
  try {
    const mine = await conn.getJson<{ ID: string }[]>(`/${kind}?${filtersQuery({ label: [`${label}=${name}`] })}`);
    for (const s of mine)
      if (!used.has(s.ID)) await tolerate(() => conn.call('DELETE', `/${kind}/${s.ID}`), [404]).catch(() => undefined);
  } catch {
    return;
  }
}
