#!/usr/bin/env node
// Times the engine-free stages that grow with the number of workloads, in one process, on the files
// scripts/gen-large.mjs writes: dependency ordering, a pure plan (reconcile) and down planning.
// Prints the median CPU and wall milliseconds of each. Not a test: figures for a report.
// Usage: node scripts/scale-stages.mjs [dist-dir] [reps]   (dist-dir defaults to this checkout's dist)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const reps = Number(process.argv[3] ?? 5);
const { loadProject } = await import(path.join(dist, 'src/pipeline.js'));
const { topoOrder } = await import(path.join(dist, 'src/graph/graph.js'));
const { reconcile } = await import(path.join(dist, 'src/plan/reconcile.js'));
const { planDown } = await import(path.join(dist, 'src/plan/down.js'));

function fileFor(n) {
  const file = `/tmp/pond-large-${n}-compact/pond.yaml`;
  if (!existsSync(file)) execFileSync(process.execPath, [path.join(here, 'gen-large.mjs'), String(n), '--compact']);
  return file;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(label, fn) {
  const cpu = [];
  const wall = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - w0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(
    `${label.padEnd(34)} cpu ${median(cpu).toFixed(1).padStart(8)} ms   wall ${median(wall).toFixed(1).padStart(8)} ms`,
  );
}

function observedFrom(desired) {
  return {
    workloads: desired.containers.map((c, i) => {
      const id = `${String(i).padStart(12, '0')}abcdef`;
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
    }),
    volumes: desired.volumes.map((v) => ({ name: v.name, labels: v.labels })),
    networks: desired.networks.map((n) => ({ id: `net-${n.name}`, name: n.name, labels: n.labels })),
  };
}

const load = async (n) => loadProject([fileFor(n)], {});
const big = await load(10000);
const names = big.spec.workloads.map((w) => w.name);
time('topoOrder 10,000', () => topoOrder(names, big.graph.edges));
const empty = { workloads: [], volumes: [], networks: [] };
time('reconcile 10,000 (all create)', () => reconcile(big.desired, empty, {}));
time('reconcile 10,000 (all unchanged)', () => reconcile(big.desired, observedFrom(big.desired), {}));
const small = await load(1000);
const running = observedFrom(small.desired);
time('planDown 1,000', () => planDown(small.spec.name, running, { volumes: false }));
