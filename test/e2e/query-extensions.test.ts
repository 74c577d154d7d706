import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('query-extensions');
const { project } = s;
const lifetimeMs = async (container: string): Promise<number> => {
  const [started, finished] = (
    await docker('inspect', '-f', '{{.State.StartedAt}} {{.State.FinishedAt}}', container)
  ).split(' ');
  return Date.parse(finished!) - Date.parse(started!);
};

beforeAll(async () => {
  await waitForImage('node:22-slim');
});

describe('DuckDB extensions in queries, offline', () => {
  it('the built-in ones (json, parquet, icu) work without a network, INSTALL of them included', async () => {
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(await docker('inspect', '-f', '{{.HostConfig.NetworkMode}}', `${project}-offline`)).toBe('none');
    expect(JSON.parse(await fs.readFile(s.at('out/offline.json'), 'utf8'))).toEqual([{ total: 7 }]);
  });

  it('LOAD of a missing extension fails up at once, long before its timeout, naming it and extensions:', async () => {
    s.use('shapes');
    const up = await s.pond(['up']);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('DuckDB extension "spatial" is not available');
    expect(up.stderr).toContain("name it in this query's extensions:");
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${project}-shapes`)).toBe('1');
    expect(await lifetimeMs(`${project}-shapes`)).toBeLessThan(30_000);
  });

  it('reading an https:// URL names httpfs as the missing extension instead of trying the internet', async () => {
    const run = await s.pond(['query', 'offline', '--sql', "SELECT * FROM read_csv('https://example.com/x.csv')"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DuckDB extension "httpfs" is not available');
    expect(run.stderr).not.toContain('Failed to download');
  });

  it('an extension file in the extensions: folder is what DuckDB loads, from a read-only mount', async () => {
    await fs.mkdir(s.at('ext'));
    await fs.writeFile(s.at('ext/spatial.duckdb_extension'), Buffer.alloc(4096, 7)); // not a real build: DuckDB must find it to refuse it
    s.use('mapped');
    const up = await s.pond(['up']);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain("Failed to load 'spatial', The file is not a DuckDB extension");
    expect(up.stderr).toContain('in extensions: ./ext does not load');
    const mounts = JSON.parse(await docker('inspect', '-f', '{{json .Mounts}}', `${project}-mapped`)) as {
      Source: string;
      Destination: string;
      RW: boolean;
    }[];
    expect(mounts.find((m) => m.Destination === '/opt/pond/extensions')).toMatchObject({
      Source: s.at('ext'),
      RW: false,
    });
  });
});
