/** Small conversions shared by the import mappers. */

export type Data = Record<string, unknown>;

export function isMap(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Scalars as pond wants them in env and labels: always strings. */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * Compose splits a string `command:` into arguments like a POSIX shell would (quotes, backslashes),
 * without running a shell; pond runs a string through `sh -c`. Splitting keeps Compose's meaning,
 * also for images that have no shell.
 */
export function splitArgs(text: string): string[] | undefined {
  const out: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (c === '\\' && i + 1 < text.length && (quote === undefined || '"\\$`'.includes(text[i + 1]!))) {
      word += text[++i];
      started = true;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      started = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (started) out.push(word);
      word = '';
      started = false;
      continue;
    }
    word += c;
    started = true;
  }
  if (quote) return undefined;
  if (started) out.push(word);
  return out;
}

const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$|^[0-9]+(\.[0-9]+)?$/;

/** A Compose duration pond reads the same way (Compose also takes us and ns, which pond does not). */
export function isDuration(value: unknown): value is string | number {
  return (typeof value === 'number' && value >= 0) || (typeof value === 'string' && DURATION.test(value));
}

const NAME = /^[a-z0-9][a-z0-9_.-]*$/;

/** Compose names may hold capitals; pond's are lowercase DNS-like labels. */
export function pondName(name: string): string {
  const lower = name.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
  return NAME.test(lower) ? lower : `x${lower}`;
}

/** "k=v" list or mapping → mapping of strings; a bare "k" (or a null value) is reported through `bare`. */
export function keyValues(value: unknown, bare: (key: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: unknown): void => {
    const filled = v === null || v === undefined ? bare(k) : asString(v);
    if (filled !== undefined) out[k] = filled;
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = asString(item);
      const eq = text.indexOf('=');
      if (eq < 0) put(text, undefined);
      else put(text.slice(0, eq), text.slice(eq + 1));
    }
    return out;
  }
  if (isMap(value)) for (const [k, v] of Object.entries(value)) put(k, v);
  return out;
}
