import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';

export type Format = 'json' | 'csv' | 'arrow';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|HUGEINT|UHUGEINT)$/;
const FLOAT = /^(FLOAT|DOUBLE|DECIMAL\(.*\))$/;

/**
 * Rows as DuckDB's JSON-safe values (big integers and decimals arrive as strings) → the bytes of one
 * output format. Numbers become numbers again where they fit; everything else stays as DuckDB wrote it.
 * Pure.
 */
export function encode(format: Format, names: string[], types: string[], rows: Record<string, unknown>[]): Buffer {
  const typed = rows.map((r) => Object.fromEntries(names.map((n, i) => [n, typedValue(r[n], types[i]!)])));
  if (format === 'csv') return Buffer.from(toCsv(names, typed));
  if (format === 'arrow') return Buffer.from(tableToIPC(toArrow(names, types, typed), 'file'));
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

/** An Arrow IPC file: DuckDB's integer, float, decimal, boolean and date columns typed; the rest as text. */
function toArrow(names: string[], types: string[], rows: Record<string, unknown>[]): Table {
  const columns = Object.fromEntries(
    names.map((n, i) => {
      const type = arrowType(types[i]!);
      const values = rows.map((r) => arrowValue(r[n], type));
      return [n, vectorFromArray(values, type)];
    }),
  );
  return new Table(columns);
}

function arrowType(duck: string): DataType {
  if (duck === 'INTEGER' || duck === 'SMALLINT' || duck === 'TINYINT') return new Int32();
  if (INTEGER.test(duck)) return new Int64();
  if (FLOAT.test(duck)) return new Float64();
  if (duck === 'BOOLEAN') return new Bool();
  if (duck === 'DATE') return new DateDay();
  return new Utf8();
}

function arrowValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Int64) return BigInt(value as number | string);
  if (type instanceof DateDay) return new Date(`${String(value)}T00:00:00Z`);
  if (type instanceof Utf8) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  return value;
}
