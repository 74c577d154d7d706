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
import { FLOAT, INTEGER } from './column-types.js';

/** An Arrow IPC file: DuckDB's integer, float, decimal, boolean and date columns typed; the rest as text. */
export function arrowBytes(names: string[], types: string[], rows: Record<string, unknown>[]): Buffer {
  const columns = Object.fromEntries(
    names.map((n, i) => {
      const type = arrowType(types[i]!);
      const values = rows.map((r) => arrowValue(r[n], type));
      return [n, vectorFromArray(values, type)];
    }),
  );
  return Buffer.from(tableToIPC(new Table(columns), 'file'));
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
