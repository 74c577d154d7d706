import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbidden, ISLANDS, KNOWN_ENV_READERS, place, PROCESS_OWNER, type Placement } from '../support/layers.js';
import { listTs, scan } from '../support/source-scan.js';

const SRC = path.resolve(import.meta.dirname, '../../src');
const files = listTs(SRC).map((f) => scan(SRC, f));
const inSrc = (rel: string): boolean => !rel.startsWith('../');
const ownsProcess = (rel: string): boolean =>
  place(rel)?.layer === PROCESS_OWNER || ISLANDS.some((i) => i.ownsProcess && rel.startsWith(i.path));

/** What only the process's owner may touch: argv, the standard streams, signals and exit. */
const PROCESS_ONLY = new Set([
  'argv',
  'stdin',
  'stdout',
  'stderr',
  'on',
  'once',
  'off',
  'addListener',
  'removeListener',
  'prependListener',
  'emit',
  'exit',
  'exitCode',
  'chdir',
  'process',
]);

interface Arrow {
  from: string;
  to: string;
  fromAt: Placement;
  toAt: Placement;
}

function arrows(): Arrow[] {
  return files.flatMap((f) => {
    const fromAt = place(f.rel);
    return f.imports.filter(inSrc).flatMap((to) => {
      const toAt = place(to);
      return fromAt && toAt ? [{ from: `src/${f.rel}`, to: `src/${to}`, fromAt, toAt }] : [];
    });
  });
}

/** Every circle through the folder graph, each as the path that closes it. */
function circles(edges: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (node: string, trail: string[]): void => {
    for (const next of edges.get(node) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) {
        const loop = trail.slice(at);
        const start = loop.indexOf([...loop].sort()[0]!);
        found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' -> '));
      } else walk(next, [...trail, next]);
    }
  };
  for (const node of edges.keys()) walk(node, [node]);
  return [...found].sort();
}

describe('layers run one way', () => {
  it('every file under src/ is placed in a layer (a new folder needs a row in test/support/layers.ts)', () => {
    expect(files.filter((f) => !place(f.rel)).map((f) => `src/${f.rel}`)).toEqual([]);
  });

  it('no import runs back up a layer, and engine/docker/ is seen only by the composition roots', () => {
    const back = arrows().flatMap((a) => {
      const why = forbidden(a.fromAt, a.toAt);
      return why ? [`${a.from} -> ${a.to}: ${why}`] : [];
    });
    expect(back).toEqual([]);
  });

  it('no import circle runs between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const a of arrows().filter((x) => x.fromAt.unit !== x.toAt.unit)) {
      edges.set(a.fromAt.unit, (edges.get(a.fromAt.unit) ?? new Set()).add(a.toAt.unit));
    }
    expect(circles(edges)).toEqual([]);
  });

  it('only cli/ touches argv, the terminal, the standard streams, signals and exit', () => {
    const uses = files
      .filter((f) => !ownsProcess(f.rel))
      .flatMap((f) => [
        ...f.processUses
          .filter((u) => PROCESS_ONLY.has(u.name))
          .map((u) => `src/${f.rel}:${u.line}: process${u.name === 'process' ? '' : `.${u.name}`}`),
        ...f.ttyLines.map((l) => `src/${f.rel}:${l}: isTTY`),
        ...f.packages.filter((p) => p === 'process' || p === 'node:process').map((p) => `src/${f.rel}: imports ${p}`),
      ]);
    expect(uses).toEqual([]);
  });

  it('process.env is read outside cli/ only where it was already (the list may only shrink)', () => {
    const readers = files
      .filter((f) => !ownsProcess(f.rel) && f.processUses.some((u) => u.name === 'env'))
      .map((f) => f.rel);
    expect({
      new: readers.filter((r) => !KNOWN_ENV_READERS.includes(r)),
      gone: KNOWN_ENV_READERS.filter((r) => !readers.includes(r)),
    }).toEqual({ new: [], gone: [] });
  });
});

describe('the layer rules themselves', () => {
  const at = (rel: string): Placement => place(rel)!;

  it('an import up the tiers is named with both layers', () => {
    expect(forbidden(at('apply/executor.ts'), at('cli/output.ts'))).toBe('apply may not import cli');
  });

  it('an import down the tiers, or between folders of one tier, is allowed', () => {
    expect([
      forbidden(at('cli/main.ts'), at('plan/types.ts')),
      forbidden(at('watch/controller.ts'), at('bots/scheduler.ts')),
    ]).toEqual([undefined, undefined]);
  });

  it('engine/docker/ may import only the foundation, and only the swarm backend and the composition roots may import it', () => {
    expect([
      forbidden(at('engine/docker/labels.ts'), at('desired/desired.ts')),
      forbidden(at('engine/docker/labels.ts'), at('labels.ts')),
      forbidden(at('apply/job.ts'), at('engine/docker/index.ts')),
      forbidden(at('session/open-engine.ts'), at('engine/docker/index.ts')),
    ]).toEqual([
      'engine/docker may import only foundation, itself',
      undefined,
      'only engine/swarm, session, api, cli may import engine/docker',
      undefined,
    ]);
  });

  it('a file no row places has no layer', () => {
    expect(place('newfolder/x.ts')).toBeUndefined();
  });
});
