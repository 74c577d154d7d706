import { describe, expect, it } from 'vitest';
import { pinByRepoDigests, pinnedRef, registryTarget } from '../../../../src/engine/swarm/registry-ref.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('a local image becomes a reference in the registry', () => {
  it('a tagged official image keeps its path and tag under the registry', () => {
    expect(registryTarget('busybox:1.35', '172.31.250.10:5000')).toEqual({
      repo: '172.31.250.10:5000/busybox',
      tag: '1.35',
    });
  });

  it('a registry with a path prefix nests the image under it', () => {
    expect(registryTarget('team/app:2', 'registry.local:5000/dev')).toEqual({
      repo: 'registry.local:5000/dev/team/app',
      tag: '2',
    });
  });

  it('an untagged image is pushed as latest', () => {
    expect(registryTarget('app', 'reg.local')).toEqual({ repo: 'reg.local/app', tag: 'latest' });
  });

  it('a digest-only image keeps its digest in the tag', () => {
    expect(registryTarget(`app@${DIGEST}`, 'reg.local')).toEqual({
      repo: 'reg.local/app',
      tag: `sha256-${'a'.repeat(64)}`,
    });
  });

  it('an image naming a registry host (a dot, a port or localhost) is not pushed elsewhere', () => {
    expect(registryTarget('ghcr.io/x/y:1', 'reg.local')).toBeUndefined();
    expect(registryTarget('other:5000/y:1', 'reg.local')).toBeUndefined();
    expect(registryTarget('localhost/y', 'reg.local')).toBeUndefined();
  });
});

describe('a service runs a digest-pinned image', () => {
  it('the pushed digest pins the registry repository', () => {
    expect(pinnedRef('reg.local/busybox', DIGEST)).toBe(`reg.local/busybox@${DIGEST}`);
  });

  it("an image naming a registry is pinned by the manager's RepoDigest of the same repository", () => {
    const digests = [`ghcr.io/x/z@sha256:${'b'.repeat(64)}`, `ghcr.io/x/y@${DIGEST}`];
    expect(pinByRepoDigests('ghcr.io/x/y:1', digests)).toBe(`ghcr.io/x/y@${DIGEST}`);
  });

  it('an image naming a registry stays as written without a RepoDigest of its repository, or with its own digest', () => {
    expect(pinByRepoDigests('ghcr.io/x/y:1', [`ghcr.io/x/yy@${DIGEST}`])).toBe('ghcr.io/x/y:1');
    const own = `ghcr.io/x/y@sha256:${'c'.repeat(64)}`;
    expect(pinByRepoDigests(own, [`ghcr.io/x/y@${DIGEST}`])).toBe(own);
  });
});
