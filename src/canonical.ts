import crypto from 'node:crypto';

/**
 * JSON with object keys sorted at every depth: equal values give byte-identical text. It is what
 * `JSON.stringify` writes for the value with its keys sorted (undefined, functions and symbols left
 * out of objects and written null in arrays, non-finite numbers null). It hashes every desired
 * container on every command, so it makes a sorted copy holding only what JSON writes and hands
 * that to the engine's own `JSON.stringify`: about twice as fast, in a short-lived process, as
 * writing the text in JavaScript. The text must never change, since config hashes in running
 * containers' labels are made of it (test/unit/canonical.test.ts holds it to the reference copy).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value));
}

/**
 * A copy with every object's keys in sorted order. Assigning them in that order is enough: an
 * object lists integer-like keys ("0", "9", "10") first, ascending, whatever order they are added
 * in, as the sorted copy it replaced did. Every non-array object becomes a plain one (a Date is
 * `{}`, as before), so no `toJSON` is ever called.
 */
function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = arrayItem(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  // Nested objects (env, resources, a mount) are mostly small or in order already: sorting only what
  // is out of order spares sort's work arrays there. Indexed loops: this runs cold, where for-of
  // allocates an iterator result per step.
  if (!ascending(keys)) keys.sort();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: sortedCopy(v), enumerable: true, writable: true, configurable: true });
    else out[k] = sortedCopy(v);
  }
  return out;
}

/** Whether `keys` is already in `sort()`'s order (UTF-16 code units). */
function ascending(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** What JSON writes as null in an array (a hole, undefined, a function, a symbol) becomes null. */
function arrayItem(v: unknown): unknown {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : sortedCopy(v);
}

/**
 * The SHA-256 of `text`. Through node's one-shot `crypto.hash` (node 20.12+) where there is one: no
 * Hash object per call, about half the time of createHash's for the few hundred short texts a
 * command hashes (config hashes, kept entries' names).
 */
export function sha256(text: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', text, encoding)
    : crypto.createHash('sha256').update(text).digest(encoding);
}

/**
 * Orders strings by UTF-16 code unit, as `sort()` and Go's string comparison do (so `terraform plan`
 * and kubectl sort by address): the same order everywhere, and no ICU collator to build on the first
 * compare, which `localeCompare` pays (~7 ms) on every command.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
