import { UsageError } from '../errors.js';

/** host[:port][/prefix], lowercase: the same pattern as `registry:` in schema/parts/project.json (a test holds them equal). */
export const REGISTRY_PATTERN = '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$';

/**
 * Where a cluster's locally built images go: `--registry`, else `registry:` (checked by the schema),
 * else none. A malformed flag is a usage error with an example.
 */
export function chooseRegistry(flag: string | undefined, file: string | undefined): string | undefined {
  const given = flag?.trim();
  if (!given) return file;
  if (new RegExp(REGISTRY_PATTERN).test(given)) return given;
  throw new UsageError(
    `--registry "${given}" is not a registry address`,
    'write host[:port][/prefix] in lowercase, e.g. registry.local:5000 or registry.example.com/team',
  );
}
