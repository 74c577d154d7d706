import { isMap } from './words.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Variables used without a default (`${NAME}` or `$NAME`, not `$$NAME`) anywhere in the file, sorted:
 * Compose fills them with "" and a warning, pond refuses to start without them.
 */
export function unsetVariables(value: unknown): string[] {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.replace(/\$\$/g, '').matchAll(VARIABLE)) names.add(m[1] ?? m[2]!);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...names].sort();
}
