import { readFileSync } from 'node:fs';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import type { ObservedWorkload, ObservedState } from '../src/engine/types.js';
import { loadProject } from '../src/pipeline.js';
import { planDown } from '../src/plan/down.js';
import { reconcile } from '../src/plan/reconcile.js';

/** The pure figures for one generated pond.yaml, in seconds, measured once in this fresh process. */
export interface PureFigures {
  parse: number;
  plan: number;
  listParse: number;
  down: number;
  steps: { plan: number; down: number };
}

const EMPTY: ObservedState = { workloads: [], volumes: [], networks: [] };

function seconds<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const out = fn();
  return [(performance.now() - start) / 1000, out];
}

/** What the engine would list for the stack once up: every desired container, running, with pond's labels. */
function observedOf(
  containers: { spec: { name: string; image: string; labels: Record<string, string> } }[],
): ObservedState {
  const listed: ObservedWorkload[] = containers.map((c, i) => {
    const id = i.toString(16).padStart(64, '0');
    return {
      id,
      version: id,
      instances: [{ id, state: 'running' }],
      name: c.spec.name,
      labels: c.spec.labels,
      state: 'running',
      image: c.spec.image,
      restartCount: 0,
      ports: [],
    };
  });
  return { workloads: listed, volumes: [], networks: [] };
}

/**
 * `node dist/bench/growth-child.js FILE PROJECT`: floor = js-yaml's load of the file with the failsafe
 * schema (the least a planner must do to read it: every scalar a string, no positions; the `yaml`
 * library's parse was the floor until pond's own loader, which reads through js-yaml, beat it) and
 * JSON.parse of the engine's list body (a down must read the list); measured = loadProject +
 * reconcile against nothing observed, and planDown of every container observed. Prints JSON.
 */
async function main(file: string, project: string): Promise<PureFigures> {
  const [parseS] = seconds(() => load(readFileSync(file, 'utf8'), { schema: FAILSAFE_SCHEMA }));
  const t0 = performance.now();
  const loaded = await loadProject([file], process.env, project);
  const [, plan] = seconds(() =>
    reconcile(loaded.desired, EMPTY, { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true }),
  );
  const planS = (performance.now() - t0) / 1000;
  const observed = observedOf(loaded.desired.containers);
  const body = JSON.stringify(
    observed.workloads.map((c) => ({
      Id: c.id,
      Names: [`/${c.name}`],
      Image: c.image,
      State: c.state,
      Status: 'Up 1 minute',
      Labels: c.labels,
    })),
  );
  const [listParse] = seconds(() => JSON.parse(body));
  const [downS, down] = seconds(() => planDown(project, observed, { volumes: false }));
  return {
    parse: parseS,
    plan: planS,
    listParse,
    down: downS,
    steps: { plan: plan.steps.length, down: down.steps.length },
  };
}

const [file, project] = process.argv.slice(2);
main(file ?? '', project ?? 'pond-bench-growth').then(
  (figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
