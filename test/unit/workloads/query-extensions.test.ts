import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extensionHint,
  missingExtension,
  providedExtensions,
  type DuckDbBuild,
} from '../../../src/workloads/query/runner/extensions.js';
import { errorsOf, tempProject } from '../../support/project.js';

const build: DuckDbBuild = {
  version: 'v1.5.5',
  platform: 'linux_amd64',
  builtIn: ['autocomplete', 'core_functions', 'icu', 'json', 'parquet'],
};

// DuckDB 1.5.5's own messages, as the runner sees them with autoinstall off and no repository.
const LOAD_SPATIAL =
  'IO Error: Extension "/tmp/duckdb-extensions/v1.5.5/linux_amd64/spatial.duckdb_extension" not found.\nExtension "spatial" is an existing extension.\n\nInstall it first using "INSTALL spatial".';
const HTTPS_URL =
  'Extension Autoloading Error: An error occurred while trying to automatically install the required extension \'httpfs\':\nExtension "/tmp/duckdb-extensions/v1.5.5/linux_amd64/httpfs.duckdb_extension" not found.';
const INSTALL =
  'IO Error: Failed to install local extension "httpfs", no access to the file at PATH "/opt/pond/no-extension-repository/v1.5.5/linux_amd64/httpfs.duckdb_extension"';
const FUNCTION =
  'Catalog Error: Scalar Function with name "st_point" is not in the catalog, but it exists in the spatial extension.';
const SQLITE =
  'IO Error: Extension "/tmp/duckdb-extensions/v1.5.5/linux_amd64/sqlite_scanner.duckdb_extension" not found.\nExtension "sqlite" is an existing extension.';
const BROKEN =
  "Invalid Input Error: Failed to load 'spatial', The file is not a DuckDB extension. The metadata at the end of the file is invalid";

describe("a missing DuckDB extension, named from DuckDB's message", () => {
  it.each([
    ['LOAD spatial', LOAD_SPATIAL, 'spatial', 'spatial.duckdb_extension'],
    ['an https:// URL', HTTPS_URL, 'httpfs', 'httpfs.duckdb_extension'],
    ['INSTALL httpfs', INSTALL, 'httpfs', 'httpfs.duckdb_extension'],
    ['a function of an absent extension', FUNCTION, 'spatial', 'spatial.duckdb_extension'],
    ['an alias (sqlite is sqlite_scanner on disk)', SQLITE, 'sqlite', 'sqlite_scanner.duckdb_extension'],
  ])('%s', (_, message, name, file) => {
    expect(missingExtension(message)).toEqual({ name, file, unloadable: false });
  });

  it('a file that is there but does not load is told apart', () => {
    expect(missingExtension(BROKEN)).toEqual({ name: 'spatial', file: 'spatial.duckdb_extension', unloadable: true });
  });

  it('an error about something else is not taken for one', () => {
    expect(missingExtension('IO Error: No files found that match the pattern "x.json"')).toBeUndefined();
    expect(missingExtension('Parser Error: syntax error at or near "SELEC"')).toBeUndefined();
  });
});

describe('the hint for a missing extension', () => {
  it('without extensions: names the built-in ones, the setting and the file for this DuckDB build', () => {
    const hint = extensionHint(missingExtension(LOAD_SPATIAL)!, build);
    expect(hint).toContain('DuckDB extension "spatial" is not available');
    expect(hint).toContain('icu, json, parquet built in');
    expect(hint).toContain("put spatial.duckdb_extension in a project folder and name it in this query's extensions:");
    expect(hint).toContain('https://extensions.duckdb.org/v1.5.5/linux_amd64/spatial.duckdb_extension.gz');
  });

  it('with extensions: says which folder the file should be added to', () => {
    expect(extensionHint(missingExtension(SQLITE)!, build, './ext')).toContain(
      'add sqlite_scanner.duckdb_extension to extensions: ./ext',
    );
  });
});

describe('extension files in the extensions: folder', () => {
  it('side by side, plain or gzipped, serve the extension they are named after; other files are ignored', () => {
    expect(providedExtensions(['spatial.duckdb_extension', 'httpfs.duckdb_extension.gz', 'README.md'], build)).toEqual(
      new Map([
        ['httpfs', 'httpfs.duckdb_extension.gz'],
        ['spatial', 'spatial.duckdb_extension'],
      ]),
    );
  });

  it("in DuckDB's own layout, only this version and platform count, and win over a side-by-side file", () => {
    const entries = [
      'spatial.duckdb_extension',
      'v1.5.5/linux_amd64/spatial.duckdb_extension',
      'v1.4.0/linux_amd64/excel.duckdb_extension',
      'v1.5.5/osx_arm64/fts.duckdb_extension',
    ];
    expect(providedExtensions(entries, build)).toEqual(
      new Map([['spatial', 'v1.5.5/linux_amd64/spatial.duckdb_extension']]),
    );
  });
});

describe('extensions: on a query', () => {
  const sql = '  q:\n    kind: query\n    sql: "select 1"\n';

  it("mounts the folder read-only as pond's extension folder and tells the runner how it was written", async () => {
    const { dir, load } = await tempProject(`${sql}    extensions: ./ext\n`, { 'ext/spatial.duckdb_extension': 'x' });
    const q = (await load()).spec.workloads[0]!;
    expect(q.mounts).toContainEqual({
      type: 'bind',
      source: path.join(dir, 'ext'),
      target: '/opt/pond/extensions',
      readOnly: true,
      carry: 'baked',
    });
    expect(q.env.POND_EXTENSIONS).toBe('./ext');
  });

  it('a query without it has neither the mount nor the env', async () => {
    const q = (await (await tempProject(sql)).load()).spec.workloads[0]!;
    expect(q.mounts.some((m) => m.target === '/opt/pond/extensions')).toBe(false);
    expect(q.env.POND_EXTENSIONS).toBeUndefined();
  });

  it('a folder that does not exist is refused at its location', async () => {
    const { load } = await tempProject(`${sql}    extensions: ./nope\n`);
    expect(await errorsOf(load())).toEqual([
      '7:17 not-found: extensions folder ./nope does not exist or is not a folder',
    ]);
  });

  it('a folder outside the project is refused', async () => {
    const { load } = await tempProject(`${sql}    extensions: ../\n`);
    expect(await errorsOf(load())).toEqual([
      '7:17 outside-project: extensions folder ../ is outside the project folder',
    ]);
  });
});
