import { UsageError } from '../errors.js';
import { parseDuration } from '../units.js';

/** A duration flag ("30s", "2m", "500ms", bare seconds) in milliseconds, or a usage error naming the flag. */
export function durationFlag(flag: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new UsageError(`${flag} "${value}" is not a duration`, 'write it like 30s, 2m or 500ms');
  return ms;
}

export function intFlag(flag: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} "${value}" must be a whole number of at least ${min}`);
  return n;
}
