import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { ROOT } from './helpers/pond.js';
import { tempDir } from '../support/temp-dir.js';

// pond as people get it: `npm pack` once, then installed from the tarball three ways into empty folders,
// each running the shipped analytics example's query through the installed `pond`. npm fetches the
// tarball's dependencies from the registry into a cache shared across runs, so a warm run is quick.
const run = promisify(execFile);
const { version } = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const CACHE = path.join(os.tmpdir(), 'pond-e2e-npm-cache');
const NPM_ENV = {
  npm_config_cache: CACHE,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_prefer_offline: 'true',
  NO_COLOR: '1',
};
let work: string;
let tarball: string;
const projects: string[] = [];

async function sh(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, {
      cwd,
      env: { ...process.env, ...NPM_ENV, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** An empty folder with a package.json, as `npm init -y` leaves it. */
async function emptyProject(name: string): Promise<string> {
  const dir = path.join(work, name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  return dir;
}

/** The shipped analytics example, copied out of the installed package into `home`. */
async function exampleFrom(installed: string, home: string): Promise<string> {
  const dir = path.join(home, 'analytics');
  await fs.cp(path.join(installed, 'examples/analytics'), dir, { recursive: true });
  return dir;
}

/** `pond --version`, validate, plan, up of the example's query and down, through `pond` as `invoke` runs it. */
function lifecycle(
  label: string,
  setup: () => Promise<{
    invoke: (args: string[], cwd: string) => Promise<{ code: number; stdout: string; stderr: string }>;
    installed: string;
    home: string;
  }>,
): void {
  describe(`installed ${label}`, () => {
    const project = uniqueProject('pond-e2e-pkg');
    projects.push(project);
    let pond: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
    let dir: string;
    let root: string;

    beforeAll(async () => {
      const { invoke, installed, home } = await setup();
      root = installed;
      dir = await exampleFrom(installed, home);
      pond = (args) => invoke(['-p', project, ...args], dir);
    });

    it("pond --version prints package.json's version", async () => {
      const r = await pond(['--version']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    });

    it("the programmatic API loads from the package's main entry and validates the example", async () => {
      const main = path.join(
        root,
        (JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { main: string }).main,
      );
      const script =
        'const { Pond } = await import(process.argv[1]); const p = await Pond.load({ file: process.argv[2] }); console.log(typeof p.up);';
      const r = await sh(
        process.execPath,
        ['--input-type=module', '-e', script, main, path.join(dir, 'pond.yaml')],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('function');
    });

    it('validate accepts the shipped example', async () => {
      const r = await pond(['validate']);
      expect(r.code, r.stderr).toBe(0);
    });

    it('plan shows the query to create', async () => {
      const r = await pond(['plan', 'daily_sales']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toMatch(/\+ container\s+daily_sales/);
    });

    it('up runs the query with DuckDB and writes its rows; its container carries the version label', async () => {
      const r = await pond(['up', 'daily_sales']);
      expect(r.code, r.stderr).toBe(0);
      const rows = JSON.parse(await fs.readFile(path.join(dir, 'out/daily_sales.json'), 'utf8')) as { day: string }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]).toHaveProperty('revenue');
      const labels = await docker(
        'ps',
        '-a',
        '--filter',
        `label=dev.pond.project=${project}`,
        '--format',
        '{{.Label "dev.pond.version"}}',
      );
      expect(labels).toBe(version);
    });

    it("down removes the project's containers", async () => {
      const r = await pond(['down']);
      expect(r.code, r.stderr).toBe(0);
      expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    });
  });
}

beforeAll(async () => {
  await waitForImage('node:22-slim');
  work = tempDir('pond-e2e-pkg-', { keep: 'file' });
  const packed = await sh('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = path.join(
    work,
    (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[])[0]!.filename,
  );
}, 300_000);

afterAll(async () => {
  for (const p of projects) await cleanupProject(p);
  if (work) await fs.rm(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the bundle, runner, schema and examples, and nothing for development', async () => {
    const listing = (await sh('tar', ['-tzf', tarball], work)).stdout
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'bin/pond',
      'dist/src/cli/pond.bundle.cjs',
      'dist/src/cli/pond-yaml.cjs',
      'dist/src/cli/pond-js-yaml.cjs',
      'dist/src/cli/pond-validator.cjs',
      'dist/src/cli/pond-schema.cjs',
      'dist/src/cli/pond-croner.cjs',
      'dist/src/cli/pond-tar-stream.cjs',
      'bin/package.json',
      'dist/src/cli/compile-cache.cjs',
      'dist/query-runner.mjs',
      'schema/pond.schema.json',
      'examples/analytics/pond.yaml',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
    ])
      expect(listing).toContain(f);
    expect(
      listing.filter(
        (f) => /^(src|test|bench|scripts|images|\.ci)\//.test(f) || f.endsWith('.map') || f.includes('/.pond/'),
      ),
    ).toEqual([]);
    expect(listing).toContain('dist/src/api/index.bundle.mjs');
    expect(listing).toContain('dist/src/api/index.d.ts');
  });
});

lifecycle('globally (npm i -g with its own --prefix)', async () => {
  const prefix = path.join(work, 'global');
  const r = await sh('npm', ['i', '-g', '--prefix', prefix, tarball], work);
  expect(r.code, r.stderr).toBe(0);
  const bin = path.join(prefix, 'bin/pond');
  return {
    invoke: (args, cwd) => sh(bin, args, cwd),
    installed: path.join(prefix, 'lib/node_modules/@pond-dev/pond'),
    home: await emptyProject('global-home'),
  };
});

lifecycle('as a dev dependency (npm i -D, then npx pond)', async () => {
  const proj = await emptyProject('local');
  const r = await sh('npm', ['i', '-D', tarball], proj);
  expect(r.code, r.stderr).toBe(0);
  // DuckDB is hoisted beside pond, not under its folder: the runner must find it the way Node does.
  await expect(fs.stat(path.join(proj, 'node_modules/@duckdb/node-api'))).resolves.toBeTruthy();
  await expect(fs.stat(path.join(proj, 'node_modules/@pond-dev/pond/node_modules'))).rejects.toThrow();
  // The example sits inside the project, so npx finds the project's own pond from there.
  return {
    invoke: (args, cwd) => sh('npx', ['--no-install', 'pond', ...args], cwd),
    installed: path.join(proj, 'node_modules/@pond-dev/pond'),
    home: proj,
  };
});

lifecycle('one-off (npm exec --package=<tarball>)', async () => {
  const proj = await emptyProject('oneoff');
  const invoke = (args: string[], cwd: string): ReturnType<typeof sh> =>
    sh('npm', ['exec', '--yes', `--package=${tarball}`, '--', 'pond', ...args], cwd);
  const first = await invoke(['--version'], proj);
  expect(first.code, first.stderr).toBe(0);
  const where = await sh(
    'npm',
    ['exec', '--yes', `--package=${tarball}`, '--', 'sh', '-c', 'readlink -f "$(command -v pond)"'],
    proj,
  );
  expect(where.code, where.stderr).toBe(0);
  return { invoke, installed: path.resolve(where.stdout.trim(), '../..'), home: proj };
});
