import path from 'node:path';
import { run } from './proc.js';
import type { Op } from './ops.js';
import type { StackDir } from './stack-files.js';
import type { Tool } from './tool.js';

/** Command line after `pond -f FILE -p PROJECT` for each operation; up waits by default (nothing to wait for here). */
function args(op: Op, concurrency: number): string[] {
  if (op === 'down') return ['down', '--concurrency', String(concurrency)];
  if (op === 'plan') return ['plan', '--detailed-exitcode'];
  return ['up', '--concurrency', String(concurrency)];
}

/** pond as a user runs it: a fresh `node bin/pond` per operation, on the stack's pond.yaml. */
export function pondTool(root: string, stack: StackDir, n: number, concurrency: number, tag: string): Tool {
  const project = `pond-bench-n${n}-${tag}`;
  const bin = path.join(root, 'bin', 'pond');
  return {
    name: 'pond',
    project,
    selector: `dev.pond.project=${project}`,
    serviceLabel: 'dev.pond.workload',
    network: `${project}_default`,
    async run(op, rev) {
      await stack.write(rev);
      await run(process.execPath, [bin, '-f', stack.pondFile, '-p', project, ...args(op, concurrency)]);
    },
  };
}
