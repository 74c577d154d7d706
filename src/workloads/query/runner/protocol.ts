import type { QueryRequest } from './execute.js';

/**
 * The warm runner's wire format on its unix socket (inside the container only: no network port).
 * A client sends one request as a JSON line; the runner answers one JSON header line
 * (`{"code":0}`, or the code and DuckDB's message) followed, on success, by the result's raw bytes,
 * then closes. Binary-safe: Arrow passes through untouched.
 */
export interface ReplyHeader {
  code: number;
  message?: string;
}

/** Where the warm runner listens: the container's tmpfs, reachable only by a process exec'd into it. */
export const WARM_SOCKET = '/tmp/pond-query-runner.sock';

export function requestLine(req: QueryRequest): string {
  return `${JSON.stringify(req)}\n`;
}

/** The request in a line, or undefined when it is not one (a stray or broken client). */
export function parseRequest(line: string): QueryRequest | undefined {
  try {
    const r = JSON.parse(line) as Partial<QueryRequest>;
    if (typeof r.sql !== 'string' || !['json', 'csv', 'arrow'].includes(String(r.format))) return undefined;
    return {
      sql: r.sql,
      format: r.format!,
      explain: r.explain === true,
      ...(typeof r.timeoutMs === 'number' && r.timeoutMs > 0 && { timeoutMs: r.timeoutMs }),
    };
  } catch {
    return undefined;
  }
}

export function headerLine(h: ReplyHeader): string {
  return `${JSON.stringify(h)}\n`;
}

/** Splits a reply's first line off once it has arrived: undefined while more bytes are needed. */
export function splitHeader(buf: Buffer): { header: ReplyHeader; rest: Buffer } | undefined {
  const nl = buf.indexOf(10);
  if (nl < 0) return undefined;
  return { header: JSON.parse(buf.subarray(0, nl).toString('utf8')) as ReplyHeader, rest: buf.subarray(nl + 1) };
}
