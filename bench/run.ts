import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { cleanup } from './cleanup.js';
import { composeVersion } from './compose.js';
import { httpEngine } from './engine-http.js';
import { builtEntries, measureEngine, type Outcome } from './engine-bench.js';
import { measureGrowth, type GrowthSamples } from './growth.js';
import { loadavg } from './load.js';
import { options, type Options } from './options.js';
import { run } from './proc.js';
import { measureQuery, type QuerySamples } from './query.js';
import { writeReadmeSection } from './readme.js';
import { hostInfo, Samples, table, writeResults, type HostInfo } from './report.js';
import { IMAGE } from './stack.js';
import { growthTable, queryTable } from './tables.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function preflight(docker: Docker, o: Options): Promise<{ docker: string; compose: string }> {
  const version = (await docker.version()).Version;
  await docker
    .getImage(IMAGE)
    .inspect()
    .catch(() => {
      throw new Error(`image ${IMAGE} is not present; the bench never pulls (docker pull ${IMAGE})`);
    });
  const missing = builtEntries(ROOT).filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`pond is not built (${missing.join(', ')} missing): run npm run build`);
  const compose = o.tools.includes('compose') ? await composeVersion() : 'not measured';
  return { docker: version, compose };
}

/** The pond being measured: HEAD and how many files under src/ differ from it (dist is built from the work tree). */
async function pondTree(): Promise<{ commit: string; changedSrcFiles: number }> {
  const git = (...args: string[]): Promise<string> => run('git', ['-C', ROOT, ...args]).catch(() => '');
  const commit = (await git('rev-parse', '--short', 'HEAD')).trim() || 'unknown';
  const changed = (await git('status', '--porcelain', '--', 'src')).split('\n').filter(Boolean).length;
  return { commit, changedSrcFiles: changed };
}

interface Parts {
  engine: Outcome;
  growth?: GrowthSamples;
  query?: { samples: QuerySamples; load: string };
}

function markdown(
  o: Options,
  host: HostInfo,
  pond: { commit: string; changedSrcFiles: number },
  p: Parts,
  started: Date,
): string {
  const title = `### ${o.record ? `${o.record}: ` : ''}${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, pond ${pond.commit}${pond.changedSrcFiles ? ` + ${pond.changedSrcFiles} changed src file(s)` : ''}`;
  const about = `${host.cpus} vCPU ${host.cpuModel}, Docker ${host.docker}, compose ${host.compose}, node ${host.node}; ${o.repeat} run(s) per cell, "median (min)" seconds, ratios of medians.`;
  const sections = [title, about];
  if (o.parts.includes('engine') && o.sizes.length)
    sections.push(
      `Engine (busybox services, a dependency tree of fan-out 8):\n\n${table(p.engine.samples, o.sizes, { tools: o.tools, compose: host.compose === 'not installed' ? 'not installed' : '-' })}`,
    );
  if (p.growth) sections.push(`Growth, no engine:\n\n${growthTable(p.growth)}`);
  if (p.query) sections.push(`Query:\n\n${queryTable(p.query.samples, p.query.load)}`);
  const notes = [
    ...p.engine.quirks.map((q) => `engine quirk: ${q}`),
    ...p.engine.failures.map((f) => `FAILED: ${f.split('\n')[0]}`),
  ];
  if (notes.length) sections.push(notes.map((n) => `- ${n}`).join('\n'));
  return sections.join('\n\n');
}

async function main(argv: string[]): Promise<number> {
  const o = options(argv);
  const docker = new Docker();
  const versions = await preflight(docker, o);
  const host = hostInfo(versions.docker, versions.compose);
  const interrupted = (): void => void cleanup(docker).finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const stale = await cleanup(docker);
  const started = new Date();
  const loadBefore = loadavg();
  const http = httpEngine(o.concurrency);
  const parts: Parts = { engine: { samples: new Samples(), failures: [], quirks: [] } };
  try {
    if (o.parts.includes('engine') && o.sizes.length)
      parts.engine = await measureEngine(
        { root: ROOT, o, docker, http, compose: !['not installed', 'not measured'].includes(versions.compose) },
        log,
      );
    if (o.parts.includes('growth') && o.growth.length)
      parts.growth = await measureGrowth(ROOT, o.growth, o.repeat, log);
    if (o.parts.includes('query'))
      parts.query = { load: loadavg(), samples: await measureQuery(ROOT, o.repeat, Date.now().toString(36).slice(-4)) };
  } finally {
    http.close();
    const left = (await cleanup(docker)).filter((name) => !stale.includes(name));
    if (left.length)
      parts.engine.quirks.push(
        `engine refused to remove bench network(s) ${left.join(', ')} (DESIGN §7; a dockerd restart clears them)`,
      );
  }
  const pond = await pondTree();
  const md = markdown(o, host, pond, parts, started);
  process.stdout.write(`${md}\n`);
  const { samples, failures, quirks } = parts.engine;
  const doc = {
    started: started.toISOString(),
    host,
    pond,
    load: { before: loadBefore, after: loadavg(), perSize: Object.fromEntries(samples.loads) },
    options: o,
    markdown: md.split('\n'),
    samples: samples.rows(),
    growth: parts.growth,
    query: parts.query,
    failures,
    quirks,
  };
  const files = await writeResults(ROOT, doc, host, o.record);
  if (o.record !== undefined) await writeReadmeSection(path.join(ROOT, 'bench', 'README.md'), md);
  log(
    `wrote ${[...files.map((f) => path.relative(ROOT, f)), ...(o.record !== undefined ? ['bench/README.md'] : [])].join(', ')}`,
  );
  for (const f of failures) log(`failure: ${f}`);
  return failures.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
