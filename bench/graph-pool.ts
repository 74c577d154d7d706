/** Runs `fn` over `items` with at most `cap` calls in flight, like pond's executor limit. */
export async function pool<T>(items: T[], cap: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(cap, items.length) }, worker));
}

/**
 * Runs `fn` on every node once all of its `after` nodes are done, at most `cap` at a time: as much in
 * flight as the graph allows, no level barriers. The least time any ordered executor can take.
 */
export function runGraph(
  after: Map<string, string[]>,
  cap: number,
  fn: (node: string) => Promise<void>,
): Promise<void> {
  const waiting = new Map([...after].map(([k, v]) => [k, new Set(v)]));
  const ready: string[] = [...waiting].filter(([, v]) => v.size === 0).map(([k]) => k);
  const blocked = new Map<string, string[]>();
  for (const [node, deps] of after) for (const d of deps) blocked.set(d, [...(blocked.get(d) ?? []), node]);
  let running = 0;
  let left = after.size;
  return new Promise((resolve, reject) => {
    if (left === 0) return resolve();
    const pump = (): void => {
      while (running < cap && ready.length) {
        const node = ready.shift()!;
        running++;
        fn(node).then(() => done(node), reject);
      }
    };
    const done = (node: string): void => {
      running--;
      left--;
      for (const next of blocked.get(node) ?? []) {
        const deps = waiting.get(next)!;
        deps.delete(node);
        if (deps.size === 0) ready.push(next);
      }
      if (left === 0) resolve();
      else pump();
    };
    pump();
  });
}

/** The same edges turned around: each node waits for the nodes that depended on it (teardown order). */
export function reversed(after: Map<string, string[]>): Map<string, string[]> {
  const out = new Map([...after.keys()].map((k) => [k, [] as string[]]));
  for (const [node, deps] of after) for (const d of deps) out.get(d)?.push(node);
  return out;
}
