import type { RuntimeSettings, Ulimit } from '../engine/types.js';
import type { RawWorkload } from './raw.js';
import type { Reporter } from './report.js';
import { parseBytes } from '../units.js';

type At = (string | number)[];

/**
 * The compose-like process settings of one workload, in engine terms. The schema has checked their
 * shapes; what it cannot see (a size, a soft limit above the hard one) is reported here. Absent
 * settings stay absent, so a workload without any normalizes (and hashes) as before.
 */
export function normalizeSettings(raw: RawWorkload, at: At, report: Reporter): RuntimeSettings | undefined {
  const out: RuntimeSettings = {
    ...(raw.working_dir !== undefined && { workingDir: raw.working_dir }),
    ...(raw.hostname !== undefined && { hostname: raw.hostname }),
    ...(raw.extra_hosts !== undefined && { extraHosts: extraHosts(raw.extra_hosts) }),
    ...(raw.dns !== undefined && { dns: raw.dns }),
    ...(raw.stop_signal !== undefined && { stopSignal: raw.stop_signal }),
  };
  if (raw.shm_size !== undefined) {
    const bytes = parseBytes(raw.shm_size);
    if (bytes === undefined)
      report.error([...at, 'shm_size'], 'size', `"${raw.shm_size}" is not a size`, 'write it like "256m" or "1g"');
    else out.shmSizeBytes = bytes;
  }
  if (raw.ulimits !== undefined) out.ulimits = ulimits(raw.ulimits, [...at, 'ulimits'], report);
  return Object.keys(out).length ? out : undefined;
}

/** A list of "name:ip" or a map name → ip, as docker's "name:ip" list sorted by name. */
export function extraHosts(raw: NonNullable<RawWorkload['extra_hosts']>): string[] {
  const entries = Array.isArray(raw) ? raw : Object.entries(raw).map(([name, ip]) => `${name}:${ip}`);
  return [...entries].sort();
}

function ulimits(raw: NonNullable<RawWorkload['ulimits']>, at: At, report: Reporter): Ulimit[] {
  const out: Ulimit[] = [];
  for (const name of Object.keys(raw).sort()) {
    const v = raw[name]!;
    const [soft, hard] = typeof v === 'number' ? [v, v] : [v.soft, v.hard];
    if (hard !== -1 && (soft === -1 || soft > hard)) {
      report.error(
        [...at, name],
        'ulimit',
        `ulimit ${name}: soft limit ${soft} is above the hard limit ${hard}`,
        'the soft limit must be at most the hard one (-1 is unlimited)',
      );
      continue;
    }
    out.push({ name, soft, hard });
  }
  return out;
}
