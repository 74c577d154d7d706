import path from 'node:path';
import type Docker from 'dockerode';
import { run } from './proc.js';
import { rawNetwork, rawOp, type Op } from './raw.js';
import type { Tool } from './tool.js';

function rawTool(name: string, project: string, perform: (op: Op, rev: number) => Promise<void>): Tool {
  return { name, project, selector: `dev.pond.project=${project}`, serviceLabel: 'dev.pond.workload', network: rawNetwork(project), run: perform };
}

/** Raw dockerode inside this process on a client made once: pure engine API time. */
export function rawInprocTool(docker: Docker, n: number, concurrency: number, tag: string): Tool {
  const project = `pond-bench-raw-n${n}-${tag}`;
  return rawTool('raw-inproc', project, (op, rev) => rawOp(docker, op, { project, n, rev, concurrency }));
}

/** The same calls from a fresh `node` process per operation: adds start-up and the dockerode import. */
export function rawProcessTool(root: string, n: number, concurrency: number, tag: string): Tool {
  const project = `pond-bench-rawp-n${n}-${tag}`;
  const entry = path.join(root, 'dist', 'bench', 'raw-process.js');
  return rawTool('raw-process', project, async (op, rev) => {
    await run(process.execPath, [entry, op, project, String(n), String(rev), String(concurrency)]);
  });
}
