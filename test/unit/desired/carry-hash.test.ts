import { describe, expect, it } from 'vitest';
import { desiredOf, project, workload } from '../../support/fixtures.js';

const withMount = (carry?: 'baked' | 'collected') =>
  desiredOf(
    project([
      workload('q', {
        image: 'node:22-slim',
        mounts: [{ type: 'bind', source: '/p/out', target: '/out', readOnly: false, ...(carry && { carry }) }],
      }),
    ]),
  ).containers[0]!;

describe('how a bind reaches a cluster task (carry)', () => {
  it('stays out of the config hash: marking a query output folder replaces no container on upgrade', () => {
    expect(withMount('collected').hash).toBe(withMount().hash);
    expect(withMount('baked').hash).toBe(withMount().hash);
  });

  it('still reaches the engine on the spec, for a backend that needs it', () => {
    expect(withMount('collected').spec.mounts).toEqual([
      { type: 'bind', source: '/p/out', target: '/out', readOnly: false, carry: 'collected' },
    ]);
  });
});
