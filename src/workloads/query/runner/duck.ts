import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { prepareExtensionDir } from './extension-dir.js';
import { EXTENSIONS_MOUNT, NO_REPOSITORY, type DuckDbBuild } from './extensions.js';

/** One DuckDB in the container, set up the way every query expects it (extensions never download). */
export interface Duck {
  db: DuckDBInstance;
  build: DuckDbBuild;
}

/**
 * Opens DuckDB. Its API is bundled into the runner (scripts/bundle.mjs), so neither Node's export
 * scanner nor its resolver walks the API's files; only the native binding is required at run time.
 */
export async function openDuck(): Promise<Duck> {
  const db = await DuckDBInstance.create(':memory:', {
    temp_directory: path.join(os.tmpdir(), 'duckdb'),
    autoinstall_known_extensions: 'false',
    custom_extension_repository: NO_REPOSITORY,
  });
  const conn = await db.connect();
  try {
    const build = await duckdbBuild(conn);
    await conn.run(`SET GLOBAL extension_directory = '${prepareExtensionDir(build, EXTENSIONS_MOUNT, os.tmpdir())}'`);
    return { db, build };
  } finally {
    conn.closeSync();
  }
}

/** The DuckDB in this container: version, platform and the extensions compiled into it. */
async function duckdbBuild(conn: DuckDBConnection): Promise<DuckDbBuild> {
  const about = (
    await conn.runAndReadAll('SELECT version() AS v, (SELECT platform FROM pragma_platform()) AS p')
  ).getRowObjectsJson()[0]!;
  const linked = await conn.runAndReadAll(
    "SELECT extension_name AS n FROM duckdb_extensions() WHERE install_mode = 'STATICALLY_LINKED' ORDER BY 1",
  );
  return {
    version: String(about.v),
    platform: String(about.p),
    builtIn: linked.getRowObjectsJson().map((r) => String(r.n)),
  };
}
