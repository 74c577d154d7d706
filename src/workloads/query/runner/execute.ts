import type { DuckDBConnection } from '@duckdb/node-api';
import { encode, type Format } from './encode.js';
import { extensionHint, missingExtension, type DuckDbBuild } from './extensions.js';

/** One query to run: what the one-shot runner reads from its env and the warm runner from a request. */
export interface QueryRequest {
  sql: string;
  format: Format;
  explain: boolean;
  /** The query's own deadline; 0 or absent: none. */
  timeoutMs?: number;
}

/** 0: `bytes` is the result; 124: interrupted at its deadline; 1: DuckDB's message (and a hint). */
export type QueryOutcome = { code: 0; bytes: Buffer } | { code: 1 | 124; message: string };

/**
 * Runs one request on `conn`. Past its deadline DuckDB is interrupted (a running query holds the
 * connection until it notices) and the outcome is 124, whatever error the interrupt surfaced as.
 */
export async function execute(
  conn: DuckDBConnection,
  req: QueryRequest,
  build: DuckDbBuild,
  extensions?: string,
): Promise<QueryOutcome> {
  let pastDeadline = false;
  const timer = req.timeoutMs ? setTimeout(() => ((pastDeadline = true), conn.interrupt()), req.timeoutMs) : undefined;
  try {
    return { code: 0, bytes: await resultBytes(conn, req) };
  } catch (err) {
    if (pastDeadline) return { code: 124, message: `ran past its ${req.timeoutMs} ms timeout: interrupted` };
    const message = err instanceof Error ? err.message : String(err);
    const missing = missingExtension(message);
    return { code: 1, message: missing ? `${message}\n${extensionHint(missing, build, extensions)}` : message };
  } finally {
    clearTimeout(timer);
  }
}

async function resultBytes(conn: DuckDBConnection, req: QueryRequest): Promise<Buffer> {
  if (req.explain) {
    const plan = await conn.runAndReadAll(`EXPLAIN ${req.sql.trim().replace(/;\s*$/, '')}`);
    return Buffer.from(
      plan
        .getRows()
        .map((r) => String(r[1]))
        .join('\n'),
    );
  }
  const result = await conn.runAndReadAll(req.sql);
  return encode(
    req.format,
    result.columnNames(),
    result.columnTypes().map(String),
    result.getRowObjectsJson() as Record<string, unknown>[],
  );
}
