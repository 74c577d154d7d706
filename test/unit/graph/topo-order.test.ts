import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../src/engine/types.js';
import { topoOrder, type Edge } from '../../../src/graph/graph.js';

/** The order pond gave before topoOrder was made linear: rounds of every ready name, each round sorted. */
function roundsOrder(names: string[], edges: Edge[]): string[] {
  const pending = new Map(names.map((n) => [n, new Set(edges.filter((e) => e.from === n).map((e) => e.to))]));
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter(([, deps]) => deps.size === 0)
      .map(([n]) => n)
      .sort();
    if (ready.length === 0) break;
    for (const n of ready) {
      order.push(n);
      pending.delete(n);
      for (const deps of pending.values()) deps.delete(n);
    }
  }
  return order;
}

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Names that sort differently by code unit than by locale (case, digits, dashes), edges in any direction (cycles too), duplicates, self-loops and unknown targets. */
function randomGraph(seed: number): { names: string[]; edges: Edge[] } {
  const random = generator(seed);
  const alphabet = ['a', 'B', 'b', '-', '1', '10', '2', 'Z', '_'];
  const size = 1 + Math.floor(random() * 40);
  const names = [
    ...new Set(
      Array.from(
        { length: size },
        (_, i) => `${alphabet[Math.floor(random() * alphabet.length)]}${alphabet[i % alphabet.length]}${i % 7}`,
      ),
    ),
  ];
  const pick = (): string => (random() < 0.03 ? 'missing' : names[Math.floor(random() * names.length)]!);
  const cyclic = random() < 0.3;
  const edges: Edge[] = [];
  for (let i = 0; i < names.length * 2 * random(); i++) {
    const a = Math.floor(random() * names.length);
    const b = Math.floor(random() * names.length);
    const [from, to] = cyclic || a > b ? [names[a]!, names[b]!] : [names[b]!, names[a]!];
    edges.push({ from, to: random() < 0.05 ? pick() : to, condition: 'started' as Condition });
  }
  return { names, edges };
}

describe('topoOrder', () => {
  it('gives the same order as the round-by-round sort on random graphs (ties by name, cycles and unknown targets left out)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { names, edges } = randomGraph(seed);
      expect(topoOrder(names, edges), `seed ${seed}`).toEqual(roundsOrder(names, edges));
    }
  });

  it('places a workload after its deepest dependency, not just after its direct ones', () => {
    const edges: Edge[] = [
      { from: 'a', to: 'c', condition: 'started' },
      { from: 'c', to: 'd', condition: 'started' },
    ];
    expect(topoOrder(['a', 'b', 'c', 'd'], edges)).toEqual(['b', 'd', 'c', 'a']);
  });
});
