import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { PRESETS } from '../src/workloads/database/presets.js';
import { cleanup } from './cleanup.js';
import { median, min } from './timing.js';

const exec = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMAGE = process.env.BENCH_PG_IMAGE ?? 'postgres:15-alpine';
const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 5;

/**
 * The postgres preset's time to healthy against its floor. Floor: `docker run` of the same container
 * the preset makes (image, env, 1280m, data dir on a 1g tmpfs, fsync-off flags, port on 127.0.0.1), then
 * `pg_isready -h 127.0.0.1` through docker exec every 50 ms until it passes.
 * Preset: `pond up` of one `kind: database` workload (fast mode, ephemeral), a fresh process each
 * time, until it exits having seen the database healthy. Both start from nothing every run.
 * Usage: node dist/bench/database.js [--repeat 5]
 */
async function floor(run: number): Promise<number> {
  const name = `pond-bench-pgfloor-${process.pid}-${run}`;
  const start = performance.now();
  const env = ['-e', 'POSTGRES_USER=pond', '-e', 'POSTGRES_PASSWORD=pond', '-e', 'POSTGRES_DB=pond'];
  const same = ['--memory', '1280m', '--tmpfs', '/var/lib/postgresql/data:size=1g', '-p', '127.0.0.1::5432'];
  // The server flags pond's own postgres preset gives a fast (ephemeral) database, so the floor runs the same server.
  const args = [...(PRESETS.postgres.command ?? []), ...PRESETS.postgres.fastArgs];
  await exec('docker', [
    'run',
    '-d',
    '--name',
    name,
    '--label',
    'dev.pond.project=pond-bench-pgfloor',
    ...env,
    ...same,
    IMAGE,
    ...args,
  ]);
  for (;;) {
    const ok = await exec('docker', ['exec', name, 'pg_isready', '-h', '127.0.0.1', '-U', 'pond', '-d', 'pond']).then(
      () => true,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const took = performance.now() - start;
  await exec('docker', ['rm', '-f', '-v', name]);
  return took;
}

async function preset(run: number): Promise<number> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-bench-db-'));
  const project = `pond-bench-db-${process.pid}-${run}`;
  await fs.writeFile(
    path.join(dir, 'pond.yaml'),
    `version: 1\nname: ${project}\nworkloads:\n  db:\n    kind: database\n    engine: postgres\n    version: "15"\n    image: ${IMAGE}\n`,
  );
  const start = performance.now();
  await exec(process.execPath, [path.join(ROOT, 'bin/pond'), 'up'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const took = performance.now() - start;
  await exec(process.execPath, [path.join(ROOT, 'bin/pond'), 'down'], { cwd: dir });
  return took;
}

async function main(): Promise<void> {
  const floors: number[] = [];
  const presets: number[] = [];
  try {
    for (let i = 0; i < repeat; i++) {
      floors.push(await floor(i));
      presets.push(await preset(i));
    }
  } finally {
    await cleanup(new Docker());
  }
  const fmt = (xs: number[]): string =>
    `median ${(median(xs) / 1000).toFixed(2)} s, min ${(min(xs) / 1000).toFixed(2)} s`;
  console.log(`postgres to healthy, ${repeat} runs each, image ${IMAGE}, fresh data dir every run:`);
  console.log(`  floor (same container by docker run, pg_isready every 50 ms): ${fmt(floors)}`);
  console.log(`  pond up (kind: database, fast mode, a fresh process):        ${fmt(presets)}`);
  console.log(
    `  difference of medians: ${((median(presets) - median(floors)) / 1000).toFixed(2)} s (goal: under 0.3 s)`,
  );
}

await main();
