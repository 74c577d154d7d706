import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type Docker from 'dockerode';
import { cleanup } from './cleanup.js';
import { composeTool, composeVersion } from './compose.js';
import { pondTool } from './pond.js';
import { OPS, rawClient } from './raw.js';
import { rawInprocTool, rawProcessTool } from './raw-tool.js';
import { run } from './proc.js';
import { hostInfo, Samples, table, writeResults } from './report.js';
import { IMAGE, makeStackDir, type StackDir } from './stack.js';
import { timed } from './timing.js';
import type { Tool } from './tool.js';
import { verify, type Ids } from './verify.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOOLS = ['pond', 'raw-inproc', 'raw-process', 'compose'];
const USAGE = `usage: npm run bench -- [--sizes 1,10,50] [--repeat 3] [--concurrency 16] [--tools ${TOOLS.join(',')}] [--record]

Times cold up, no-op up, one change and down for N busybox services with pond, raw dockerode
(in-process and as a fresh node process) and docker-compose; prints "median (min)" seconds and
pond's ratios. Writes bench/results/latest.json; --record also writes a dated file to commit.`;

interface Options {
  sizes: number[];
  repeat: number;
  concurrency: number;
  tools: string[];
  record: boolean;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1,10,50' },
      repeat: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '16' },
      tools: { type: 'string', default: TOOLS.join(',') },
      record: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  const ints = (s: string): number[] => s.split(',').map(Number);
  const opts = { sizes: ints(values.sizes), repeat: Number(values.repeat), concurrency: Number(values.concurrency), tools: values.tools.split(','), record: values.record };
  const bad = [...opts.sizes, opts.repeat, opts.concurrency].some((x) => !Number.isInteger(x) || x < 1) || opts.tools.some((t) => !TOOLS.includes(t));
  if (bad) throw new Error(USAGE);
  return opts;
}

function toolsFor(o: Options, docker: Docker, stack: StackDir, n: number, tag: string): Tool[] {
  const all = [pondTool(ROOT, stack, n, o.concurrency, tag), rawInprocTool(docker, n, o.concurrency, tag), rawProcessTool(ROOT, n, o.concurrency, tag), composeTool(stack, n, tag)];
  return all.filter((t) => o.tools.includes(t.name));
}

/** One cold → noop → change → down cycle, each timed and then checked against the engine. */
async function cycle(docker: Docker, tool: Tool, n: number, samples: Samples, quirks: string[]): Promise<string> {
  let ids: Ids = new Map();
  const line: string[] = [];
  for (const op of OPS) {
    const rev = op === 'change' || op === 'down' ? 1 : 0;
    const seconds = await timed(() => tool.run(op, rev));
    ids = await verify(docker, tool, op, n, rev, ids, quirks);
    samples.add(op, n, tool.name, seconds);
    line.push(`${op} ${seconds.toFixed(2)}s`);
  }
  return line.join('  ');
}

async function preflight(docker: Docker, o: Options): Promise<{ docker: string; compose: string }> {
  const version = (await docker.version()).Version;
  await docker.getImage(IMAGE).inspect().catch(() => {
    throw new Error(`image ${IMAGE} is not present; the bench never pulls (docker pull ${IMAGE})`);
  });
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('pond is not built: run npm run build');
  const compose = o.tools.includes('compose') ? await composeVersion() : 'not measured';
  if (compose === 'absent') throw new Error('docker-compose is not installed; pass --tools without compose');
  return { docker: version, compose };
}

interface Outcome {
  samples: Samples;
  failures: string[];
  quirks: string[];
}

async function measure(docker: Docker, o: Options, { samples, failures, quirks }: Outcome): Promise<void> {
  const token = Date.now().toString(36).slice(-4);
  for (const n of o.sizes) {
    const stack = await makeStackDir(n);
    try {
      for (let r = 1; r <= o.repeat; r++) {
        for (const tool of toolsFor(o, docker, stack, n, `${token}r${r}`)) {
          try {
            process.stderr.write(`N=${n} run ${r}/${o.repeat} ${tool.name}: ${await cycle(docker, tool, n, samples, quirks)}\n`);
          } catch (e) {
            failures.push(`N=${n} run ${r} ${tool.name}: ${e instanceof Error ? e.message : String(e)}`);
            process.stderr.write(`N=${n} run ${r}/${o.repeat} ${tool.name}: FAILED\n${failures.at(-1)}\n`);
            await cleanup(docker);
          }
        }
      }
    } finally {
      await stack.remove();
      await cleanup(docker);
    }
  }
}

/** The pond being measured: HEAD and how many files under src/ differ from it (dist is built from the work tree). */
async function pondTree(): Promise<{ commit: string; changedSrcFiles: number }> {
  const git = (...args: string[]): Promise<string> => run('git', ['-C', ROOT, ...args]).catch(() => '');
  const commit = (await git('rev-parse', '--short', 'HEAD')).trim() || 'unknown';
  const changed = (await git('status', '--porcelain', '--', 'src')).split('\n').filter(Boolean).length;
  return { commit, changedSrcFiles: changed };
}

async function main(argv: string[]): Promise<number> {
  const o = options(argv);
  const docker = rawClient();
  const versions = await preflight(docker, o);
  const host = hostInfo(versions.docker, versions.compose);
  const interrupted = (): void => void cleanup(docker).finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const outcome: Outcome = { samples: new Samples(), failures: [], quirks: [] };
  const { samples, failures, quirks } = outcome;
  const stale = await cleanup(docker);
  const started = new Date();
  const loadBefore = os.loadavg();
  try {
    await measure(docker, o, outcome);
  } finally {
    const left = (await cleanup(docker)).filter((name) => !stale.includes(name));
    if (left.length) quirks.push(`engine refused to remove bench network(s) ${left.join(', ')} (DESIGN §7; a dockerd restart clears them)`);
  }
  const printed = table(samples, o.sizes);
  process.stdout.write(`${printed}\n\ncells: median (min) wall-clock seconds over ${o.repeat} run(s); ratios of medians\n`);
  const doc = { started: started.toISOString(), host, pond: await pondTree(), load1m: { before: loadBefore[0], after: os.loadavg()[0] }, options: o, table: printed.split('\n'), samples: samples.rows(), failures, quirks };
  const files = await writeResults(ROOT, doc, host, o.record);
  process.stderr.write(`wrote ${files.map((f) => path.relative(ROOT, f)).join(', ')}\n`);
  for (const q of quirks) process.stderr.write(`engine quirk: ${q}\n`);
  for (const f of failures) process.stderr.write(`failure: ${f}\n`);
  return failures.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
