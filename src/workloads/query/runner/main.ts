/**
 * The query runner: runs inside the query's container (the official node image) with DuckDB mounted
 * read-only from pond's own install. Bundled on its own by scripts/bundle.mjs into
 * dist/query-runner.mjs; @duckdb/node-api stays external and resolves from /opt/pond/node_modules.
 *
 * Contract (env): POND_SQL the SQL text; POND_FORMAT json | csv | arrow; POND_OUTPUT the file to
 * write (written to a temporary name beside it, then renamed); POND_EXPLAIN=1 writes DuckDB's plan
 * as text instead; POND_TIMEOUT_MS the query's own deadline (exit 124 past it, even with pond gone). Working directory /work, where the inputs are mounted at their project paths.
 * A failing query prints DuckDB's own message on stderr and exits 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { encode, type Format } from './encode.js';

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
  const db = await DuckDBInstance.create(':memory:', { temp_directory: path.join(os.tmpdir(), 'duckdb') });
  const conn = await db.connect();
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
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, output);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`pond query runner: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
