import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../../src/engine/docker/connection.js';
import { imagePins } from '../../../../src/engine/swarm/publish.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;

/** A manager that only answers image inspects, counting them; any other call fails the test. */
function manager(repoDigests: string[]): { conn: Connection; inspects: string[] } {
  const inspects: string[] = [];
  const refuse = () => Promise.reject(new Error('unexpected engine call'));
  const conn = {
    getJson: (path: string) => {
      inspects.push(path);
      return Promise.resolve({ RepoDigests: repoDigests });
    },
    call: refuse,
    stream: refuse,
    dial: () => {
      throw new Error('unexpected engine call');
    },
  } as unknown as Connection;
  return { conn, inspects };
}

describe('image pins: what a service runs instead of the image pond.yaml names', () => {
  it('without a registry the image runs as written and the engine is not asked', async () => {
    const { conn, inspects } = manager([]);
    expect(await imagePins(conn, undefined).pin('busybox:1.35')).toBe('busybox:1.35');
    expect(inspects).toEqual([]);
  });

  it("an image naming a registry is pinned by the manager's digest, looked up once for every service using it", async () => {
    const { conn, inspects } = manager([`ghcr.io/x/y@${DIGEST}`]);
    const pins = imagePins(conn, 'reg.local:5000');
    const [a, b] = await Promise.all([pins.pin('ghcr.io/x/y:1'), pins.pin('ghcr.io/x/y:1')]);
    expect([a, b]).toEqual([`ghcr.io/x/y@${DIGEST}`, `ghcr.io/x/y@${DIGEST}`]);
    expect(inspects).toHaveLength(1);
  });
});
