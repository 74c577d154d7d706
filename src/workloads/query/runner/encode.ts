import { FLOAT, INTEGER } from './column-types.js';

export type Format = 'json' | 'csv' | 'arrow';

/**
 * Rows as DuckDB's JSON-safe values (big integers and decimals arrive as strings) → the bytes of one
 * output format. Numbers become numbers again where they fit; everything else stays as DuckDB wrote it.
 * Pure. Arrow is imported only for an Arrow result: evaluating it was a sixth of a JSON or CSV
 * query's time in its container.
 */
export async function encode(
  format: Format,
  names: string[],
  types: string[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const typed = rows.map((r) => Object.fromEntries(names.map((n, i) => [n, typedValue(r[n], types[i]!)])));
  if (format === 'csv') return Buffer.from(toCsv(names, typed));
  if (format === 'arrow') return (await import('./encode-arrow.js')).arrowBytes(names, types, typed);
  return Buffer.from(`${JSON.stringify(typed, null, 2)}\n`);
}

function typedValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if ((INTEGER.test(type) || FLOAT.test(type)) && typeof value === 'string') {
    const n = Number(value);
    return Number.isFinite(n) && (!INTEGER.test(type) || Number.isSafeInteger(n)) ? n : value;
  }
  return value;
}

/** RFC 4180: a header line, fields quoted when they hold a comma, quote or line break. */
function toCsv(names: string[], rows: Record<string, unknown>[]): string {
  const field = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [names.map(field).join(','), ...rows.map((r) => names.map((n) => field(r[n])).join(','))].join('\n') + '\n';
}
