import { EngineError } from '../../errors.js';
import type { VolumeSpec } from '../types.js';
import type { Connection } from './connection.js';
import { classify, tolerate } from './errors.js';
import { sameOwner, VOLUME_LABEL } from './labels.js';

/**
 * Creates a volume. The engine answers a create for an existing name with the existing volume and
 * ignores the new labels (§7), so the answer's labels decide: unless they carry this project's
 * ownership labels, the volume is someone else's data and is refused.
 */
export async function createVolume(conn: Connection, spec: VolumeSpec): Promise<void> {
  let labels: Record<string, string>;
  try {
    await conn.call('POST', '/volumes/create', { Name: spec.name, Labels: spec.labels }, { retry: true });
    const inspected = await conn.getJson<{ Labels?: Record<string, string> | null }>(
      `/volumes/${encodeURIComponent(spec.name)}`,
    );
    labels = inspected.Labels ?? {};
  } catch (err) {
    throw classify(err, conn.endpoint, `create volume ${spec.name}`);
  }
  if (!ownedBy(labels, spec.labels)) {
    throw new EngineError(
      `volume ${spec.name} exists and is not managed by this project; pond will not use or touch it`,
      409,
      "it may hold someone else's data: rename it, remove it yourself, or change the project name in pond.yaml",
    );
  }
}

function ownedBy(actual: Record<string, string>, wanted: Record<string, string>): boolean {
  return sameOwner(actual, wanted) && actual[VOLUME_LABEL] === wanted[VOLUME_LABEL];
}

/** Removes a volume; already gone (404) is success. A volume in use stays and the error says so. */
export async function removeVolume(conn: Connection, name: string): Promise<void> {
  try {
    await tolerate(
      () => conn.call('DELETE', `/volumes/${encodeURIComponent(name)}`, undefined, { retry: true }),
      [404],
    );
  } catch (err) {
    throw classify(err, conn.endpoint, `remove volume ${name}`);
  }
}
