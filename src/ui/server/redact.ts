import { scrubSecrets } from '../../secrets.js';
import type { ProjectSpec } from '../../model/types.js';

/**
 * The secret values no response may carry: every one pond knows (spec.secretValues) except the
 * notebook tokens, which the notebook links carry on purpose, as `pond info` prints them.
 */
export function uiSecrets(spec: Pick<ProjectSpec, 'secretValues' | 'workloads'>): string[] {
  const tokens = new Set(spec.workloads.flatMap((w) => (w.notebook ? [w.notebook.token] : [])));
  return spec.secretValues.filter((s) => !tokens.has(s));
}

/** A copy of `value` with every secret scrubbed out of every string in it (keys too), as pond's other output does. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubSecrets(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubSecrets(k, secrets), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
