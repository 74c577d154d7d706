import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/engine/docker/connection.js';
import { removeContainer } from '../../../src/engine/docker/containers.js';

const engineError = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });

/** A connection whose DELETE fails with `errors` in turn, then succeeds; it counts the calls. */
function deleting(errors: unknown[]): { conn: Connection; calls: () => number } {
  let n = 0;
  const conn = {
    endpoint: { url: 'unix:///fake.sock', source: 'test' },
    call: async () => {
      const err = errors[n++];
      if (err) throw err;
      return undefined;
    },
  } as unknown as Connection;
  return { conn, calls: () => n };
}

describe('removing a container', () => {
  it('tries again while the engine still holds its filesystem just after a dockerd restart', async () => {
    const busy = engineError(
      500,
      'unable to remove filesystem for 1f2e: unlinkat /var/lib/docker: device or resource busy',
    );
    const { conn, calls } = deleting([busy, busy]);
    await removeContainer(conn, '1f2e');
    expect(calls()).toBe(3);
  });

  it('does not try again on any other engine error', async () => {
    const { conn, calls } = deleting([engineError(500, 'something else broke')]);
    await expect(removeContainer(conn, '1f2e')).rejects.toThrow(/something else broke/);
    expect(calls()).toBe(1);
  });
});
