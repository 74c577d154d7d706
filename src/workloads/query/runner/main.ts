/**
 * The query runner: runs inside the query's container (the official node image) with DuckDB mounted
 * read-only from pond's own install. Bundled on its own by scripts/bundle.mjs into
 * dist/query-runner.mjs; @duckdb/node-api stays external and resolves from /opt/pond/node_modules.
 *
 * Contract (env): POND_SQL the SQL text; POND_FORMAT json | csv | arrow; POND_OUTPUT the file to
 * write (written to a temporary name beside it, then renamed); POND_EXPLAIN=1 writes DuckDB's plan
 * as text instead; POND_TIMEOUT_MS the query's own deadline (exit 124 past it, even with pond gone);
 * POND_EXTENSIONS the `extensions:` folder as written in pond.yaml, mounted at EXTENSIONS_MOUNT.
 * Working directory /work, where the inputs are mounted at their project paths. Extensions never
 * download (extensions.ts). A failing query prints DuckDB's own message on stderr (and, when an
 * extension was missing, what to do about it) and exits 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { encode, type Format } from './encode.js';
import { prepareExtensionDir } from './extension-dir.js';
import { EXTENSIONS_MOUNT, extensionHint, missingExtension, NO_REPOSITORY, type DuckDbBuild } from './extensions.js';

let pastDeadline = false;

/**
 * The container carries its own deadline: if pond is killed, the query still ends (exit 124).
 * DuckDB is interrupted first, since a process exit waits for its running query; a query that
 * ignores the interrupt is killed outright a few seconds later.
 */
function selfDeadline(interrupt: () => void): void {
  const ms = Number(process.env.POND_TIMEOUT_MS);
  if (!Number.isFinite(ms) || ms <= 0) return;
  setTimeout(() => {
    process.stderr.write(`pond query runner: ran past its ${ms} ms timeout\n`);
    pastDeadline = true;
    interrupt();
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), 3000).unref();
  }, ms + 1000).unref();
}

async function main(): Promise<number> {
  const sql = process.env.POND_SQL ?? '';
  const format = (process.env.POND_FORMAT ?? 'json') as Format;
  const output = process.env.POND_OUTPUT ?? '/out/result';
  if (fs.existsSync('/work')) process.chdir('/work');
  const db = await DuckDBInstance.create(':memory:', { temp_directory: path.join(os.tmpdir(), 'duckdb'), autoinstall_known_extensions: 'false', custom_extension_repository: NO_REPOSITORY });
  const conn = await db.connect();
  const build = await duckdbBuild(conn);
  await conn.run(`SET extension_directory = '${prepareExtensionDir(build, EXTENSIONS_MOUNT, os.tmpdir())}'`);
  selfDeadline(() => conn.interrupt());
  let bytes: Buffer;
  try {
    if (process.env.POND_EXPLAIN === '1') {
      const plan = await conn.runAndReadAll(`EXPLAIN ${sql.trim().replace(/;\s*$/, '')}`);
      bytes = Buffer.from(plan.getRows().map((r) => String(r[1])).join('\n'));
    } else {
      const result = await conn.runAndReadAll(sql);
      bytes = encode(format, result.columnNames(), result.columnTypes().map(String), result.getRowObjectsJson() as Record<string, unknown>[]);
    }
  } catch (err) {
    if (pastDeadline) return 124;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${message}\n`);
    const missing = missingExtension(message);
    if (missing) process.stderr.write(`${extensionHint(missing, build, process.env.POND_EXTENSIONS || undefined)}\n`);
    return 1;
  }
  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, output);
  return 0;
}

/** The DuckDB in this container: version, platform and the extensions compiled into it. */
async function duckdbBuild(conn: DuckDBConnection): Promise<DuckDbBuild> {
  const about = (await conn.runAndReadAll('SELECT version() AS v, (SELECT platform FROM pragma_platform()) AS p')).getRowObjectsJson()[0]!;
  const linked = await conn.runAndReadAll("SELECT extension_name AS n FROM duckdb_extensions() WHERE install_mode = 'STATICALLY_LINKED' ORDER BY 1");
  return { version: String(about.v), platform: String(about.p), builtIn: linked.getRowObjectsJson().map((r) => String(r.n)) };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`pond query runner: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
