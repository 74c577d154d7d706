import { BACKEND_NAMES, DEFAULT_BACKEND, isBackendName, type BackendName } from '../engine/capabilities.js';
import { UsageError } from '../errors.js';

/**
 * Where a backend name can come from, strongest first: the `--engine` flag, POND_ENGINE, then
 * `engine:` in pond.yaml (already checked by the schema). Empty strings count as unset.
 */
export interface BackendSources {
  flag?: string;
  env?: string;
  file?: BackendName;
}

/**
 * The backend to run on: flag > POND_ENGINE > `engine:` > docker. Known before any engine is
 * opened, so `pond validate` checks against its row with nothing running. An unknown name is a
 * usage error naming where it came from and listing the known ones.
 */
export function chooseBackend(sources: BackendSources): BackendName {
  const flag = sources.flag?.trim();
  if (flag) return known(flag, '--engine');
  const env = sources.env?.trim();
  if (env) return known(env, 'POND_ENGINE');
  return sources.file ?? DEFAULT_BACKEND;
}

function known(name: string, from: string): BackendName {
  if (isBackendName(name)) return name;
  throw new UsageError(`unknown engine "${name}" (from ${from})`, `use one of: ${BACKEND_NAMES.join(', ')}`);
}
