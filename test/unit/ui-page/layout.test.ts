import { describe, expect, it } from 'vitest';
import { depths, layout, NODE_W } from '../../../src/ui/page/layout.js';

const edge = (from: string, to: string) => ({ from, to, condition: 'started' });

describe('ui page layout', () => {
  it('a workload sits one layer right of its deepest dependency', () => {
    const d = depths(['db', 'seed', 'web', 'solo'], [edge('seed', 'db'), edge('web', 'seed'), edge('web', 'db')]);
    expect(Object.fromEntries(d)).toEqual({ db: 0, seed: 1, web: 2, solo: 0 });
  });

  it('a dependency cycle still gives every workload a layer', () => {
    const d = depths(['a', 'b'], [edge('a', 'b'), edge('b', 'a')]);
    expect([...d.keys()].sort()).toEqual(['a', 'b']);
  });

  it('an edge to a workload the state does not list is ignored', () => {
    expect(depths(['a'], [edge('a', 'ghost')]).get('a')).toBe(0);
  });

  it('nodes of one layer share a column and are ordered by name', () => {
    const geo = layout(['web', 'db', 'api'], [edge('web', 'db'), edge('api', 'db')]);
    const at = Object.fromEntries(geo.nodes.map((n) => [n.name, n]));
    expect(at.api!.x).toBe(at.web!.x);
    expect(at.api!.y).toBeLessThan(at.web!.y);
    expect(at.api!.x).toBeGreaterThan(at.db!.x + NODE_W);
  });

  it('the drawing is wide and tall enough for every node', () => {
    const geo = layout(['a', 'b', 'c'], [edge('b', 'a'), edge('c', 'b')]);
    for (const n of geo.nodes) expect(n.x + NODE_W).toBeLessThanOrEqual(geo.width);
    expect(geo.height).toBeGreaterThan(0);
  });
});
