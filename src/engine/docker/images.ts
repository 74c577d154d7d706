import { EngineError } from '../../errors.js';
import type { Connection } from './connection.js';
import { classify, statusOf } from './errors.js';

const PROGRESS_EVERY_MS = 500;
const PULL_HINT = 'check the image name, your network, or build it locally';

/** One line of the engine's pull or push stream (the fields pond reads). */
export interface LayerEvent {
  id?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
}

/** True when the engine has the image locally (by name:tag or id). */
export async function hasImage(conn: Connection, image: string): Promise<boolean> {
  try {
    await conn.getJson(`/images/${encodeURIComponent(image)}/json`);
    return true;
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw classify(err, conn.endpoint, `inspect image ${image}`);
  }
}

/**
 * An untagged reference means `:latest`; the engine would otherwise pull every tag of the repository.
 */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? image : `${image}:latest`;
}

/**
 * Pulls an image, reporting "pulling X: 12/34 MB" at most every 500 ms. The engine reports some
 * failures inside a 200 stream, so every event is checked for an error, not just the HTTP status.
 */
export async function pullImage(conn: Connection, image: string, onProgress?: (line: string) => void): Promise<void> {
  const ref = withDefaultTag(image);
  const docker = await conn.docker();
  try {
    const stream = await docker.pull(ref);
    await new Promise<void>((resolve, reject) => {
      const report = progressReporter('pulling', image, onProgress);
      docker.modem.followProgress(
        stream,
        (err: unknown) => (err ? reject(err) : resolve()),
        (event: LayerEvent) => {
          const failure = event.errorDetail?.message ?? event.error;
          if (failure) reject(new EngineError(`pull of ${image} failed: ${failure}`, undefined, PULL_HINT));
          else report(event);
        },
      );
    });
  } catch (err) {
    throw classify(err, conn.endpoint, `pull of ${image}`, PULL_HINT);
  }
}

/**
 * Turns a pull or push stream's events into a line every half second at most: "pulling IMAGE: 12/80
 * MB" (each layer's bytes capped at its total, which the engine's counts can overshoot).
 */
export function progressReporter(
  verb: string,
  image: string,
  onProgress?: (line: string) => void,
): (event: LayerEvent) => void {
  const layers = new Map<string, { current: number; total: number }>();
  let last = 0;
  return (event) => {
    if (!onProgress) return;
    const detail = event.progressDetail;
    if (event.id && detail?.total) layers.set(event.id, { current: detail.current ?? 0, total: detail.total });
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    onProgress(progressLine(verb, image, layers, event.status));
  };
}

function progressLine(
  verb: string,
  image: string,
  layers: Map<string, { current: number; total: number }>,
  status?: string,
): string {
  if (layers.size === 0) return `${verb} ${image}: ${status ?? 'waiting'}`;
  let current = 0;
  let total = 0;
  for (const l of layers.values()) {
    current += Math.min(l.current, l.total);
    total += l.total;
  }
  const mb = (n: number): number => Math.round(n / 1e6);
  return `${verb} ${image}: ${mb(current)}/${mb(total)} MB`;
}
