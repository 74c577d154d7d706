import { describe, expect, it } from 'vitest';
import { reversed, runGraph } from '../../../bench/graph-pool.js';
import { dependencies } from '../../../bench/stack.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('runGraph (the chain-aware floor scheduler)', () => {
  it('starts a node only after every node it waits for has finished', async () => {
    const done = new Set<string>();
    const early: string[] = [];
    const graph = dependencies(50);
    await runGraph(graph, 16, async (node) => {
      if (!graph.get(node)!.every((d) => done.has(d))) early.push(node);
      await tick();
      done.add(node);
    });
    expect(early).toEqual([]);
    expect(done.size).toBe(50);
  });

  it('never has more than cap nodes in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await runGraph(dependencies(200), 5, async () => {
      peak = Math.max(peak, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(peak).toBe(5);
  });

  it('in reverse, runs a node only after everything that depended on it', async () => {
    const done = new Set<string>();
    const early: string[] = [];
    const graph = dependencies(30);
    await runGraph(reversed(graph), 4, async (node) => {
      const dependents = [...graph].filter(([, deps]) => deps.includes(node)).map(([k]) => k);
      if (!dependents.every((d) => done.has(d))) early.push(node);
      await tick();
      done.add(node);
    });
    expect(early).toEqual([]);
  });

  it('rejects when a node fails', async () => {
    await expect(
      runGraph(dependencies(3), 2, async (n) => {
        if (n === 's01') throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
