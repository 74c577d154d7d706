import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_QUERY_IMAGE, QUERY_PATHS } from '../src/workloads/query/expand.js';
import { runnerFiles } from '../src/workloads/query/runner-files.js';
import { run } from './proc.js';
import { timed } from './timing.js';

/**
 * Seconds per way of answering `select 42`: pond query, the empty container floor, pond's runner
 * started by hand with `docker run --rm` (the least a container-run DuckDB query costs), DuckDB in a
 * node process.
 */
export type QuerySamples = Record<'pond' | 'dockerRun' | 'runner' | 'duckdb', number[]>;

/** `docker run --rm` with no network, labelled as the bench's so its cleanup finds a leftover. */
function isolatedRun(project: string): string[] {
  return ['run', '--rm', '--network', 'none', '--label', `dev.pond.project=${project}`];
}

/** `docker run --rm` of the runner image running pond's runner on `select 42`, with pond's mounts and no more. */
function runnerByHand(project: string, out: string): string[] {
  const files = runnerFiles();
  const ro = (source: string, target: string): string[] => ['-v', `${source}:${target}:ro`];
  return [
    ...isolatedRun(project),
    '--tmpfs',
    '/tmp',
    ...[
      '-e',
      'HOME=/tmp',
      '-e',
      'POND_SQL=select 42',
      '-e',
      'POND_FORMAT=csv',
      '-e',
      `POND_OUTPUT=${QUERY_PATHS.out}/result`,
    ],
    ...ro(files.runner, QUERY_PATHS.runner),
    ...files.packages.flatMap((p) =>
      ro(p.dir ?? path.join(files.fallbackDir, p.name), `${QUERY_PATHS.modules}/${p.name}`),
    ),
    '-v',
    `${out}:${QUERY_PATHS.out}`,
    DEFAULT_QUERY_IMAGE,
    'node',
    QUERY_PATHS.runner,
  ];
}

const POND_YAML = 'version: 1\nworkloads:\n  q:\n    kind: query\n    sql: select 1\n';

function expect42(output: string, who: string): void {
  if (!/\b42\b/.test(output)) throw new Error(`${who} did not answer 42:\n${output}`);
}

/**
 * `pond query q --sql "select 42"` (a fresh CLI, a one-off container of the runner image with DuckDB)
 * against `docker run --rm` of that image doing nothing (the least a container-run query costs) and
 * against DuckDB in a fresh node process (no container at all). One untimed warm-up of each, then
 * `repeat` interleaved rounds; every answer is checked.
 */
export async function measureQuery(root: string, repeat: number, tag: string): Promise<QuerySamples> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pond-bench-query-'));
  const file = path.join(dir, 'pond.yaml');
  await writeFile(file, POND_YAML);
  const out = path.join(dir, 'out');
  const project = `pond-bench-query-${tag}`;
  const ways = {
    pond: async () =>
      expect42(
        await run(process.execPath, [
          path.join(root, 'bin', 'pond'),
          '-f',
          file,
          '-p',
          project,
          'query',
          'q',
          '--sql',
          'select 42',
          '--format',
          'csv',
        ]),
        'pond query',
      ),
    dockerRun: async () => void (await run('docker', [...isolatedRun(project), DEFAULT_QUERY_IMAGE, 'true'])),
    runner: async () => {
      await rm(out, { recursive: true, force: true });
      await mkdir(out);
      await run('docker', runnerByHand(project, out));
      expect42(await readFile(path.join(out, 'result'), 'utf8'), 'the runner by hand');
    },
    duckdb: async () =>
      expect42(await run(process.execPath, [path.join(root, 'dist', 'bench', 'duckdb-process.js')]), 'duckdb'),
  };
  const samples: QuerySamples = { pond: [], dockerRun: [], runner: [], duckdb: [] };
  try {
    for (const way of Object.values(ways)) await way();
    for (let r = 0; r < repeat; r++) {
      for (const [name, way] of Object.entries(ways) as [keyof QuerySamples, () => Promise<void>][])
        samples[name].push(await timed(way));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return samples;
}
