import { keepingOn, readKept, writeKept } from './kept.js';
import type { Locator } from './sourcemap.js';
import { checkSchema, type SchemaVerdict } from './validate.js';

/**
 * checkSchema through the kept entries (kept.ts): data that passed the schema check once, in this
 * build, is not checked again (10-15 ms at 200 workloads, and loading the compiled check at all,
 * ~6 ms, on every command). The key is the data itself as JSON, with the numbers JSON would fold
 * (NaN, ±Infinity into null, -0 into 0) written apart; or, when the data is one file's as it was
 * read (`source`, nothing interpolated), that file's text, which then decides the data alone: writing
 * the data out for its key was ~2 ms of a command at 200 workloads. Only a pass is kept: a failure is
 * explained by the full check anyway. Data holding a secret is never kept, not even as a hash.
 */
export async function checkSchemaKept(
  data: unknown,
  where: Locator,
  holdsSecret: boolean,
  source?: string,
): Promise<SchemaVerdict> {
  if (!keepingOn() || holdsSecret) return checkSchema(data, where);
  // A data key is JSON text, which never starts with "file": the two kinds of key cannot meet.
  const key = source !== undefined ? `file\n${source}` : dataKey(data);
  if (key === undefined) return checkSchema(data, where);
  if (readKept('valid', key)) return { diagnostics: [], places: [] };
  const verdict = await checkSchema(data, where);
  if (verdict.diagnostics.length === 0 && verdict.places.length === 0) writeKept('valid', key, 'passed\n');
  return verdict;
}

/** The data as JSON, NaN, ±Infinity and -0 written apart; undefined when a key could pass for that marking. */
export function dataKey(data: unknown): string | undefined {
  const marks = new WeakSet<object>();
  try {
    return JSON.stringify(data, function (this: object, key: string, value: unknown) {
      if (key.startsWith(MARK) && !marks.has(this)) throw UNKEYABLE;
      if (typeof value !== 'number' || (Number.isFinite(value) && !Object.is(value, -0))) return value;
      const mark = { [MARK]: String(value) };
      marks.add(mark);
      return mark;
    });
  } catch (error) {
    if (error === UNKEYABLE) return undefined;
    throw error;
  }
}

const MARK = '\u0000number';
const UNKEYABLE = new Error('a key starts with the marking');
