import { UsageError } from '../errors.js';
import { parseDuration } from '../units.js';

const RFC3339 = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/i;

/**
 * `--since` / `--until` as docker logs reads them: a duration back from now ("10m", "1h30m") or an
 * RFC 3339 timestamp ("2026-01-02T15:04:05Z"; without a zone it is local time), or bare epoch
 * seconds. Returns epoch seconds (fractions kept), or a usage error naming the flag.
 */
export function logTimeFlag(flag: string, value: string, nowMs: number): number {
  const text = value.trim();
  if (RFC3339.test(text)) {
    const seconds = epochSeconds(text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T'));
    if (seconds !== undefined) return seconds;
  }
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const back = parseDuration(text);
  if (back !== undefined) return (nowMs - back) / 1000;
  throw new UsageError(
    `${flag} "${value}" is neither a duration nor a timestamp`,
    'write a duration back from now like 10m or 1h30m, or a time like 2026-01-02T15:04:05Z',
  );
}

/** An ISO time in epoch seconds, its fraction kept beyond milliseconds (the engine stamps nanoseconds). */
export function epochSeconds(iso: string): number | undefined {
  const fraction = /\.(\d+)/.exec(iso)?.[1];
  const ms = Date.parse(iso.replace(/\.\d+/, ''));
  return Number.isFinite(ms) ? ms / 1000 + (fraction ? Number(`0.${fraction}`) : 0) : undefined;
}

/** Whether an engine timestamp (RFC 3339 with nanoseconds) lies within [since, until] (epoch seconds). */
export function withinTimes(time: string, since: number | undefined, until: number | undefined): boolean {
  if (since === undefined && until === undefined) return true;
  const ms = Date.parse(time);
  if (!Number.isFinite(ms)) return true;
  return (since === undefined || ms / 1000 >= since - 0.001) && (until === undefined || ms / 1000 <= until);
}
