import type { WorkloadSpec } from '../model/types.js';

/**
 * Something a workload is allowed to do that weakens the defaults: shown on every plan (text and
 * JSON) so it is a visible choice, never a silent one. Computed from the spec alone; never blocks.
 */
export interface Risk {
  /** Stable identifier for scripts: `unsafe-host-network`, `public-port`, `unpinned-image`... */
  code: string;
  message: string;
}

const UNSAFE: Record<string, string> = {
  'host-network':
    "shares the host's network (unsafe: host-network): no isolation, every port it opens is open on the host",
  'outside-project': 'mounts host paths outside the project folder (unsafe: outside-project)',
  'docker-socket':
    'is given the Docker socket (unsafe: docker-socket): it can control the engine, which is root on this machine',
};

export function risksOf(w: WorkloadSpec): Risk[] {
  const unsafe = (w.unsafe ?? []).map((u) => ({
    code: `unsafe-${u}`,
    message: UNSAFE[u] ?? `opts in to unsafe: ${u}`,
  }));
  const ports = w.ports
    .filter((p) => p.hostIp !== '127.0.0.1' && p.hostIp !== '::1')
    .map((p) => ({
      code: 'public-port',
      message: `publishes ${p.container}/${p.protocol} on ${p.hostIp}:${p.host ?? 'auto'} (public: true): reachable from other machines, and Docker's own rules bypass host firewalls such as UFW`,
    }));
  const image =
    w.image && !isPinned(w.image)
      ? [
          {
            code: 'unpinned-image',
            message: `image ${w.image} is not pinned: ${hasTag(w.image) ? ':latest' : 'no tag'} means a pull can change what runs (name a version tag or a digest)`,
          },
        ]
      : [];
  return [...unsafe, ...ports, ...image];
}

/** A digest pins an image; so does any tag other than `latest`. */
export function isPinned(image: string): boolean {
  if (image.includes('@')) return true;
  return hasTag(image) && tagOf(image) !== 'latest';
}

function hasTag(image: string): boolean {
  return tagOf(image) !== undefined;
}

function tagOf(image: string): string | undefined {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : undefined;
}
