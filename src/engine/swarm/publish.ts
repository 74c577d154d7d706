import type { Connection } from '../docker/connection.js';
import { classify, statusOf } from '../docker/errors.js';
import { tagAndPush } from './push.js';
import { pinByRepoDigests, pinnedRef, registryTarget } from './registry-ref.js';

/** On a service whose image is a registry digest: the image pond.yaml names, for ps and status. */
export const IMAGE_LABEL = 'dev.pond.image';

/**
 * What a service runs instead of the image pond.yaml names: with a registry, a local image is pushed
 * there once per engine (one `pond up`) and pinned to the pushed digest, so every node runs the same
 * bytes; an image naming a registry keeps its name, pinned when the manager knows its digest. Without
 * a registry the image is left as written. The planner never sees this: it compares labels.
 */
export interface ImagePins {
  /** The registry images are pushed to; absent: each node runs what it has. */
  readonly registry?: string;
  pin(image: string, onProgress?: (line: string) => void): Promise<string>;
}

export function imagePins(conn: Connection, registry: string | undefined): ImagePins {
  const done = new Map<string, Promise<string>>();
  return {
    ...(registry && { registry }),
    pin: (image, onProgress) => {
      if (!registry) return Promise.resolve(image);
      let p = done.get(image);
      if (!p) {
        p = resolve(conn, registry, image, onProgress);
        p.catch(() => done.delete(image));
        done.set(image, p);
      }
      return p;
    },
  };
}

async function resolve(
  conn: Connection,
  registry: string,
  image: string,
  onProgress?: (line: string) => void,
): Promise<string> {
  const target = registryTarget(image, registry);
  if (!target) return pinByRepoDigests(image, await repoDigests(conn, image));
  const started = Date.now();
  onProgress?.(`pushing ${image} to ${target.repo}:${target.tag}`);
  const digest = await tagAndPush(conn, image, target, onProgress);
  const pinned = pinnedRef(target.repo, digest);
  onProgress?.(`pushed ${image} as ${pinned} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return pinned;
}

async function repoDigests(conn: Connection, image: string): Promise<string[]> {
  try {
    const raw = await conn.getJson<{ RepoDigests?: string[] | null }>(`/images/${encodeURIComponent(image)}/json`);
    return raw.RepoDigests ?? [];
  } catch (err) {
    if (statusOf(err) === 404) return [];
    throw classify(err, conn.endpoint, `inspect image ${image}`);
  }
}
