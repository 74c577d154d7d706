/**
 * An image reference split the way the engine reads it: the first path component is a registry host
 * only when it has a "." or ":" or is "localhost" (so `busybox:1.35` has none, `ghcr.io/x/y:1` has one).
 */
export interface ImageName {
  host?: string;
  path: string;
  tag?: string;
  digest?: string;
}

/** Where a local image goes in the registry: the repository `<registry>/<path>` and the tag to push. */
export interface RegistryTarget {
  repo: string;
  tag: string;
}

export function parseImage(image: string): ImageName {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const slash = named.indexOf('/');
  const first = slash >= 0 ? named.slice(0, slash) : '';
  const hasHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const rest = hasHost ? named.slice(slash + 1) : named;
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  return {
    ...(hasHost && { host: first }),
    path: tagged ? rest.slice(0, colon) : rest,
    ...(tagged && { tag: rest.slice(colon + 1) }),
    ...(digest !== undefined && { digest }),
  };
}

/** `[host/]path`: the repository part, without tag or digest. */
export function repositoryOf(name: ImageName): string {
  return name.host ? `${name.host}/${name.path}` : name.path;
}

/**
 * The registry repository and tag a local image is pushed as, or undefined for an image that already
 * names a registry host (it is used as written). A digest-only reference keeps its digest in the tag,
 * so two pinned versions of one repository never overwrite each other.
 */
export function registryTarget(image: string, registry: string): RegistryTarget | undefined {
  const name = parseImage(image);
  if (name.host) return undefined;
  const tag = name.tag ?? (name.digest ? name.digest.replace(':', '-') : 'latest');
  return { repo: `${registry.replace(/\/+$/, '')}/${name.path}`, tag };
}

/** `repo@sha256:…`: what a service runs so every node starts the very image that was pushed. */
export function pinnedRef(repo: string, digest: string): string {
  return `${repo}@${digest}`;
}

/**
 * An image naming a registry, pinned by the manager's own record of it (a RepoDigest of the same
 * repository); as written when it already has a digest or the manager has none for it.
 */
export function pinByRepoDigests(image: string, repoDigests: readonly string[]): string {
  const name = parseImage(image);
  if (name.digest) return image;
  const repo = repositoryOf(name);
  const found = repoDigests.find((d) => d.startsWith(`${repo}@sha256:`));
  return found ?? image;
}
