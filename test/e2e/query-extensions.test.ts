import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-lim-ext');
const builtIns = [
  'INSTALL json; INSTALL parquet; LOAD json; LOAD icu;',
  "COPY (SELECT * FROM read_json('data/x.json')) TO '/tmp/x.parquet' (FORMAT parquet);",
  "SELECT sum(a)::INTEGER AS total FROM read_parquet('/tmp/x.parquet')",
].join(' ');
const stack = `version: 1
name: ${project}
workloads:
  offline:
    kind: query
    sql: "${builtIns}"
    inputs: [data/x.json]
    output: { path: out/offline.json }
`;
const withSpatial = (name: string, extra = '') => `${stack}  ${name}:\n    kind: query\n    sql: "LOAD spatial"\n    timeout: 120s\n${extra}`;
let dir: string;
const lifetimeMs = async (container: string): Promise<number> => {
  const [started, finished] = (await docker('inspect', '-f', '{{.State.StartedAt}} {{.State.FinishedAt}}', container)).split(' ');
  return Date.parse(finished!) - Date.parse(started!);
};

beforeAll(async () => {
  await waitForImage('node:22-slim');
  dir = await projectDir({ 'pond.yaml': stack, 'data/x.json': '[{"a": 1}, {"a": 2}, {"a": 4}]\n' });
});
afterAll(() => cleanupProject(project));

describe('DuckDB extensions in queries, offline', () => {
  it('the built-in ones (json, parquet, icu) work without a network, INSTALL of them included', async () => {
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(await docker('inspect', '-f', '{{.HostConfig.NetworkMode}}', `${project}-offline`)).toBe('none');
    expect(JSON.parse(await fs.readFile(path.join(dir, 'out/offline.json'), 'utf8'))).toEqual([{ total: 7 }]);
  });

  it('LOAD of a missing extension fails up at once, long before its timeout, naming it and extensions:', async () => {
    await fs.writeFile(path.join(dir, 'pond.yaml'), withSpatial('shapes'));
    const up = await pond(['up'], { cwd: dir });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('DuckDB extension "spatial" is not available');
    expect(up.stderr).toContain("name it in this query's extensions:");
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${project}-shapes`)).toBe('1');
    expect(await lifetimeMs(`${project}-shapes`)).toBeLessThan(30_000);
  });

  it('reading an https:// URL names httpfs as the missing extension instead of trying the internet', async () => {
    const run = await pond(['query', 'offline', '--sql', "SELECT * FROM read_csv('https://example.com/x.csv')"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DuckDB extension "httpfs" is not available');
    expect(run.stderr).not.toContain('Failed to download');
  });

  it('an extension file in the extensions: folder is what DuckDB loads, from a read-only mount', async () => {
    await fs.mkdir(path.join(dir, 'ext'));
    await fs.writeFile(path.join(dir, 'ext/spatial.duckdb_extension'), Buffer.alloc(4096, 7)); // not a real build: DuckDB must find it to refuse it
    await fs.writeFile(path.join(dir, 'pond.yaml'), withSpatial('mapped', '    extensions: ./ext\n'));
    const up = await pond(['up'], { cwd: dir });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain("Failed to load 'spatial', The file is not a DuckDB extension");
    expect(up.stderr).toContain('in extensions: ./ext does not load');
    const mounts = JSON.parse(await docker('inspect', '-f', '{{json .Mounts}}', `${project}-mapped`)) as { Source: string; Destination: string; RW: boolean }[];
    expect(mounts.find((m) => m.Destination === '/opt/pond/extensions')).toMatchObject({ Source: path.join(dir, 'ext'), RW: false });
  });
});
