import { run } from './proc.js';
import type { Op } from './ops.js';
import type { StackDir } from './stack-files.js';
import type { Tool } from './tool.js';

/** The docker-compose binary (v1 here); override with POND_BENCH_COMPOSE. */
export const COMPOSE = process.env.POND_BENCH_COMPOSE ?? 'docker-compose';

/**
 * A compose step this long has stalled: docker-compose 1.29.2 stops starting containers at N=200 (53
 * of 200 up, no engine event for minutes, all its threads asleep), where a healthy one takes ~70 s.
 */
const STALL_MS = 180_000;

/** docker-compose with its defaults (it caps parallel calls at COMPOSE_PARALLEL_LIMIT, 64). */
export function composeTool(stack: StackDir, n: number, tag: string): Tool {
  const project = `pondbench${n}${tag}`;
  return {
    name: 'compose',
    project,
    selector: `com.docker.compose.project=${project}`,
    serviceLabel: 'com.docker.compose.service',
    network: `${project}_default`,
    ops: ['cold', 'noop', 'change', 'down'],
    async run(op: Op, rev: number) {
      await stack.write(rev);
      const verb = op === 'down' ? ['down'] : ['up', '-d'];
      await run(COMPOSE, ['-p', project, '-f', stack.composeFile, ...verb], {}, STALL_MS);
    },
  };
}

/** `docker-compose version --short`, or "not installed" when it cannot run. */
export async function composeVersion(): Promise<string> {
  return (await run(COMPOSE, ['version', '--short']).catch(() => 'not installed')).trim();
}
