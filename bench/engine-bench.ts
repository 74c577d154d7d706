import path from 'node:path';
import type Docker from 'dockerode';
import { cleanup } from './cleanup.js';
import { composeTool } from './compose.js';
import type { HttpEngine } from './engine-http.js';
import { floorEntry, floorInprocTool, floorProcessTool } from './floor-tool.js';
import { loadavg } from './load.js';
import type { Options } from './options.js';
import { OPS } from './ops.js';
import { pondTool } from './pond.js';
import { ProcessError } from './proc.js';
import { Samples } from './report.js';
import { makeStackDir, type StackDir } from './stack-files.js';
import { timed } from './timing.js';
import type { Tool } from './tool.js';
import { verify, type Ids } from './verify.js';

/** What the engine part produced: samples, failed cycles, and engine quirks seen (not failures). */
export interface Outcome {
  samples: Samples;
  failures: string[];
  quirks: string[];
}

interface Ctx {
  root: string;
  o: Options;
  docker: Docker;
  http: HttpEngine;
  /** compose is measured only when installed. */
  compose: boolean;
}

function toolsFor(c: Ctx, stack: StackDir, n: number, tag: string): Tool[] {
  const { o } = c;
  const all = [
    pondTool(c.root, stack, n, o.concurrency, tag),
    floorProcessTool(c.root, n, o.concurrency, tag),
    floorInprocTool(c.http, n, o.concurrency, tag),
    ...(c.compose ? [composeTool(stack, n, tag)] : []),
  ];
  return all.filter((t) => o.tools.includes(t.name));
}

/** One cold → noop → plan → change → down cycle, each timed and then checked against the engine. */
async function cycle(docker: Docker, tool: Tool, n: number, samples: Samples, quirks: string[]): Promise<string> {
  let ids: Ids = new Map();
  const line: string[] = [];
  for (const op of OPS.filter((x) => !tool.ops || tool.ops.includes(x))) {
    const rev = op === 'change' || op === 'down' ? 1 : 0;
    const seconds = await timed(() => tool.run(op, rev));
    ids = await verify(docker, tool, op, n, rev, ids, quirks);
    samples.add(op, n, tool.name, seconds);
    line.push(`${op} ${seconds.toFixed(2)}s`);
  }
  return line.join('  ');
}

/** Every engine size, `repeat` rounds, each tool in turn per round (so load drifts hit all tools alike). */
export async function measureEngine(c: Ctx, log: (s: string) => void): Promise<Outcome> {
  const out: Outcome = { samples: new Samples(), failures: [], quirks: [] };
  const token = Date.now().toString(36).slice(-4);
  for (const n of c.o.sizes) {
    out.samples.loads.set(n, loadavg());
    const stack = await makeStackDir(n);
    try {
      const stalled = new Set<string>(); // a tool that stalled at this size is not run again at it
      for (let r = 1; r <= c.o.repeat; r++) {
        for (const tool of toolsFor(c, stack, n, `${token}r${r}`)) {
          if (stalled.has(tool.name)) {
            log(`N=${n} run ${r}/${c.o.repeat} ${tool.name}: skipped (it stalled at this size)`);
            continue;
          }
          try {
            log(
              `N=${n} run ${r}/${c.o.repeat} ${tool.name}: ${await cycle(c.docker, tool, n, out.samples, out.quirks)}`,
            );
          } catch (e) {
            out.failures.push(`N=${n} run ${r} ${tool.name}: ${e instanceof Error ? e.message : String(e)}`);
            if (e instanceof ProcessError && e.stalledMs) stalled.add(tool.name);
            log(`N=${n} run ${r}/${c.o.repeat} ${tool.name}: FAILED\n${out.failures.at(-1)}`);
            await cleanup(c.docker);
          }
        }
      }
    } finally {
      await stack.remove();
      await cleanup(c.docker);
    }
  }
  return out;
}

/** The pond bin and the floor entry exist: pond is built. */
export function builtEntries(root: string): string[] {
  return [path.join(root, 'dist', 'src', 'cli', 'pond.bundle.cjs'), floorEntry(root)];
}
