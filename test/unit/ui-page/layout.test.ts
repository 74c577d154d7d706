import { describe, expect, it } from 'vitest';
import { routes, type Route } from '../../../src/ui/page/edges.js';
import { depths, layout, NODE_H, NODE_W } from '../../../src/ui/page/layout.js';

const edge = (from: string, to: string, condition = 'started') => ({ from, to, condition });

/** A label's box as 11 px text draws it (a generous 6.5 px per character, ascent 10, descent 3) and a pixel of clearance around. */
function box(r: Route): { x0: number; x1: number; y0: number; y1: number } {
  const w = r.condition.length * 6.5;
  const x0 = r.label.anchor === 'end' ? r.label.x - w : r.label.x;
  return { x0: x0 - 1, x1: x0 + w + 1, y0: r.label.y - 11, y1: r.label.y + 4 };
}

function overlapping(drawn: Route[]): string[] {
  const hits: string[] = [];
  drawn.forEach((a, i) =>
    drawn.slice(i + 1).forEach((b) => {
      const p = box(a);
      const q = box(b);
      if (p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1) hits.push(`${a.from}←${a.to} / ${b.from}←${b.to}`);
    }),
  );
  return hits;
}

const routed = (names: string[], edges: ReturnType<typeof edge>[]) => {
  const geo = layout(names, edges);
  return { geo, ...routes(geo, edges) };
};

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

  it('the labels of two edges into one workload do not overlap (completed and healthy into api)', () => {
    const { routes: drawn } = routed(
      ['api', 'migrate', 'nightly', 'store', 'worker'],
      [
        edge('migrate', 'store', 'healthy'),
        edge('api', 'store', 'healthy'),
        edge('api', 'migrate', 'completed'),
        edge('worker', 'api'),
      ],
    );
    expect(drawn).toHaveLength(4);
    expect(overlapping(drawn)).toEqual([]);
  });

  it('no two labels overlap when many edges fan into neighbouring workloads of one column', () => {
    const sources = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const edges = [
      ...sources.map((s) => edge('hub', s, 'completed')),
      ...sources.slice(0, 3).map((s) => edge('next', s, 'healthy')),
      edge('last', 's6'),
    ];
    const { geo, routes: drawn } = routed([...sources, 'hub', 'next', 'last'], edges);
    expect(drawn).toHaveLength(edges.length);
    expect(overlapping(drawn)).toEqual([]);
    for (const r of drawn) {
      const b = box(r);
      expect(
        geo.nodes
          .filter((n) => b.x0 < n.x + NODE_W && n.x < b.x1 && b.y0 < n.y + NODE_H && n.y < b.y1)
          .map((n) => n.name),
        r.from,
      ).toEqual([]);
    }
  });

  it('edges into one workload end at different heights, in the order of their sources', () => {
    const { geo, routes: drawn } = routed(['a', 'b', 'c', 'z'], [edge('z', 'c'), edge('z', 'a'), edge('z', 'b')]);
    const endY = (to: string) =>
      Number(
        drawn
          .find((r) => r.to === to)!
          .d.split(' ')
          .at(-1),
      );
    const y = (n: string) => geo.nodes.find((p) => p.name === n)!.y;
    expect(y('a')).toBeLessThan(y('b'));
    expect(endY('a')).toBeLessThan(endY('b'));
    expect(endY('b')).toBeLessThan(endY('c'));
  });

  it('the drawing is tall enough for every label', () => {
    const edges = ['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => edge('hub', s));
    const { routes: drawn, height } = routed(['hub', 's1', 's2', 's3', 's4', 's5', 's6'], edges);
    for (const r of drawn) {
      expect(box(r).y0).toBeGreaterThanOrEqual(0);
      expect(box(r).y1).toBeLessThanOrEqual(height);
    }
  });
});
