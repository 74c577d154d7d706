import { UsageError } from '../errors.js';

/**
 * `-e KEY=VAL` flags as an env map, later flags winning; `-e KEY` alone passes the host's value of
 * KEY (dropped when the host has none), as `docker exec -e` does. An empty name is a usage error.
 */
export function execEnv(flags: string[], host: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq < 0 ? flag : flag.slice(0, eq);
    if (!key)
      throw new UsageError(
        `-e "${flag}" names no variable`,
        "write -e KEY=VALUE (or -e KEY to pass this shell's value)",
      );
    const value = eq < 0 ? host[key] : flag.slice(eq + 1);
    if (value !== undefined) env[key] = value;
  }
  return env;
}
