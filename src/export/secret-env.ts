import { containsSecret } from '../secrets.js';

/** A workload's env split in two: what may be written out, and what only a Secret may carry. */
export interface SplitEnv {
  /** Sorted by name. */
  plain: [string, string][];
  /** Sorted by name; values in clear, for `--include-secrets` only. */
  secret: [string, string][];
}

/**
 * A variable is secret when its name is one (declared or matched: PASSWORD, TOKEN...) or its value
 * holds any of the project's secret values (a URL with a database's password, a bot's config with a
 * token): the same rule that keeps them out of plans and logs.
 */
export function splitEnv(env: Record<string, string>, sensitive: string[], secrets: readonly string[]): SplitEnv {
  const split: SplitEnv = { plain: [], secret: [] };
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const hidden = sensitive.includes(name) || containsSecret(value, secrets);
    (hidden ? split.secret : split.plain).push([name, value]);
  }
  return split;
}
