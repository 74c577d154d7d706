import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth: equal values give byte-identical text. It is what
 * `JSON.stringify` writes for the value with its keys sorted (undefined, functions and symbols left
 * out of objects and written null in arrays, non-finite numbers null), written in one pass with no
 * sorted copy of the value: it hashes every desired container on every command. The text must never
 * change, since config hashes in running containers' labels are made of it
 * (test/unit/canonical.test.ts holds it to the copy-and-stringify it replaced).
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

function writeArray(value: unknown[]): string {
  let out = '';
  for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${write(value[i]) ?? 'null'}`;
  return `[${out}]`;
}

function writeObject(value: Record<string, unknown>): string {
  let out = '';
  for (const k of keyOrder(value)) {
    const text = write(value[k]);
    if (text === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${text}`;
  }
  return `{${out}}`;
}

/**
 * The order the sorted copy's keys came out in: an object lists integer-like keys ("0", "9", "10")
 * first, ascending, whatever order they are added in; the rest were sorted by code unit. Object.keys
 * already gives the integer-like ones first and ascending, so only the rest are sorted.
 */
function keyOrder(value: object): string[] {
  const keys = Object.keys(value);
  let i = 0;
  while (i < keys.length && isIndex(keys[i]!)) i++;
  return i === 0 ? keys.sort() : [...keys.slice(0, i), ...keys.slice(i).sort()];
}

const INDEX = /^(0|[1-9]\d*)$/;

/** An array-index-like key ("0", "10"), which JavaScript orders first; most keys fail on their first character. */
function isIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && INDEX.test(key) && Number(key) < 4294967295;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Orders strings by UTF-16 code unit, as `sort()` and Go's string comparison do (so `terraform plan`
 * and kubectl sort by address): the same order everywhere, and no ICU collator to build on the first
 * compare, which `localeCompare` pays (~7 ms) on every command.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
