import { DuckDBInstance } from '@duckdb/node-api';

/** Entry for the in-process query floor: import DuckDB, answer `select 42` in memory, print it, exit. */
async function main(): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const reader = await conn.runAndReadAll('select 42 as answer');
  process.stdout.write(`${JSON.stringify(reader.getRowsJson())}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
