import { keepingOn, readKept, writeKept } from './kept.js';
import type { Locator } from './sourcemap.js';
import { checkSchema, type SchemaVerdict } from './validate.js';

/**
 * checkSchema through the kept entries (kept.ts): data that passed the schema check once, in this
 * build, is not checked again (10-15 ms at 200 workloads, and loading the compiled check at all,
 * ~6 ms, on every command). The key is the data itself as JSON, with the numbers JSON would fold
 * (NaN, ±Infinity into null, -0 into 0) written apart. Only a pass is kept: a failure is explained
 * by the full check anyway. Data holding a secret is never kept, not even as a hash.
 */
export async function checkSchemaKept(data: unknown, where: Locator, holdsSecret: boolean): Promise<SchemaVerdict> {
  if (!keepingOn() || holdsSecret) return checkSchema(data, where);
  const key = dataKey(data);
  if (readKept('valid', key)) return { diagnostics: [], places: [] };
  const verdict = await checkSchema(data, where);
  if (verdict.diagnostics.length === 0 && verdict.places.length === 0) writeKept('valid', key, 'passed\n');
  return verdict;
}

export function dataKey(data: unknown): string {
  return JSON.stringify(data, (_key, value: unknown) =>
    typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))
      ? { '\u0000number': String(value) }
      : value,
  );
}
