import path from 'node:path';
import type { HttpEngine } from './engine-http.js';
import { floorNetwork, floorOp } from './floor.js';
import type { Op } from './ops.js';
import { run } from './proc.js';
import type { Tool } from './tool.js';

function floorTool(name: string, project: string, perform: (op: Op, rev: number) => Promise<void>): Tool {
  return {
    name,
    project,
    selector: `dev.pond.project=${project}`,
    serviceLabel: 'dev.pond.workload',
    network: floorNetwork(project),
    run: perform,
  };
}

/** The floor process's entry, one CommonJS file scripts/bundle.mjs builds. */
export function floorEntry(root: string): string {
  return path.join(root, 'dist', 'bench', 'floor-process.cjs');
}

/** The floor: a fresh `node` per operation making the least raw HTTP calls, as a CLI at its best would. */
export function floorProcessTool(root: string, n: number, concurrency: number, tag: string): Tool {
  const project = `pond-bench-floor-n${n}-${tag}`;
  const entry = floorEntry(root);
  return floorTool('floor', project, async (op, rev) => {
    await run(process.execPath, [entry, op, project, String(n), String(rev), String(concurrency)]);
  });
}

/** The same calls inside the bench process on one client: pure engine API time, no start-up. */
export function floorInprocTool(engine: HttpEngine, n: number, concurrency: number, tag: string): Tool {
  const project = `pond-bench-inproc-n${n}-${tag}`;
  return floorTool('inproc', project, (op, rev) => floorOp(engine, op, { project, n, rev, concurrency }));
}
