import { createHash } from 'node:crypto';
import { LABEL } from '../../labels.js';
import type { TaskSpec } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { statusOf, tolerate } from '../docker/errors.js';
import type { SwarmService } from './api.js';

/** On a Swarm secret: the service it was made for, so the ones no version uses any more can go. */
const SECRET_OF = 'dev.pond.secret-of';

/** Images whose entrypoint reads `<KEY>_FILE` instead of `<KEY>` (the official database images). */
const FILE_VARIANTS = /^(?:.*\/)?(?:postgres|mysql|mariadb)(?::|@|$)/;

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
  const keys = (spec.sensitiveEnv ?? []).filter((k) => spec.env[k] !== undefined);
  if (keys.length === 0 || !FILE_VARIANTS.test(spec.image)) return { env: spec.env, secrets: [] };
  const env = { ...spec.env };
  const secrets: SecretRef[] = [];
  for (const key of keys) {
    const value = env[key]!;
    const name = `${spec.name}.${key.toLowerCase()}.${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;
    const id = await ensureSecret(conn, name, value, spec);
    secrets.push({ File: { Name: name, UID: '0', GID: '0', Mode: 0o444 }, SecretID: id, SecretName: name });
    delete env[key];
    env[`${key}_FILE`] = `/run/secrets/${name}`;
  }
  return { env, secrets };
}

async function ensureSecret(conn: Connection, name: string, value: string, spec: TaskSpec): Promise<string> {
  const labels = {
    ...(spec.labels[LABEL.project] !== undefined && { [LABEL.project]: spec.labels[LABEL.project] }),
    ...(spec.labels[LABEL.identity] !== undefined && { [LABEL.identity]: spec.labels[LABEL.identity] }),
    [SECRET_OF]: spec.name,
  };
  try {
    const created = await conn.call<{ ID: string }>('POST', '/secrets/create', {
      Name: name,
      Labels: labels,
      Data: Buffer.from(value).toString('base64'),
    });
    return created.ID;
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    const found = await conn.getJson<{ ID: string; Spec: { Name: string } }[]>(
      `/secrets?${filtersQuery({ name: [name] })}`,
    );
    const id = found.find((s) => s.Spec.Name === name)?.ID;
    if (!id) throw err;
    return id;
  }
}

/**
 * Removes the secrets made for service `name` that neither its spec nor its previous spec (what a
 * rollback returns to) mounts; all of them once the service is gone. Never fails the caller.
 */
export async function pruneSecrets(conn: Connection, name: string, service?: SwarmService): Promise<void> {
  const used = new Set(
    [service?.Spec, service?.PreviousSpec].flatMap((s) =>
      ((s?.TaskTemplate.ContainerSpec as { Secrets?: SecretRef[] } | undefined)?.Secrets ?? []).map((r) => r.SecretID),
    ),
  );
  try {
    const mine = await conn.getJson<{ ID: string }[]>(`/secrets?${filtersQuery({ label: [`${SECRET_OF}=${name}`] })}`);
    for (const s of mine)
      if (!used.has(s.ID)) await tolerate(() => conn.call('DELETE', `/secrets/${s.ID}`), [404]).catch(() => undefined);
  } catch {
    return;
  }
}
