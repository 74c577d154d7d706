import { UsageError } from '../errors.js';
import type { OneOffOptions } from '../oneoff/spec.js';

/** `pond run`'s options as commander hands them over. */
export interface RunFlags {
  env: string[];
  user?: string;
  workdir?: string;
  entrypoint?: string;
  rm?: boolean;
  servicePorts?: boolean;
  deps?: boolean;
  tty?: boolean;
}

export interface RunRequest extends OneOffOptions {
  /** Bring the workload's dependencies up first (off with --no-deps). */
  deps: boolean;
}

const ENV_NAME = /^[^=\s]+$/;

/** The flags and the command line as one validated value; bad input is a UsageError. Pure. */
export function parseRunFlags(flags: RunFlags, command: string[]): RunRequest {
  return {
    ...(command.length && { command }),
    ...(flags.entrypoint !== undefined && { entrypoint: flags.entrypoint.split(/\s+/).filter(Boolean) }),
    env: parseEnv(flags.env),
    ...(flags.user !== undefined && { user: nonEmpty('--user', flags.user) }),
    ...(flags.workdir !== undefined && { workingDir: absolute(flags.workdir) }),
    servicePorts: !!flags.servicePorts,
    keep: flags.rm === false,
    deps: flags.deps !== false,
  };
}

function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    if (at < 0 || !ENV_NAME.test(key))
      throw new UsageError(`-e ${JSON.stringify(pair)} is not KEY=VALUE`, 'write -e NAME=value (one variable per -e)');
    env[key] = pair.slice(at + 1);
  }
  return env;
}

function nonEmpty(flag: string, value: string): string {
  if (!value.trim()) throw new UsageError(`${flag} needs a value`, `${flag} NAME or ${flag} UID[:GID]`);
  return value;
}

function absolute(dir: string): string {
  if (!dir.startsWith('/'))
    throw new UsageError(
      `-w ${JSON.stringify(dir)} is not an absolute path`,
      'the working directory is a path inside the container, such as -w /app',
    );
  return dir;
}
