import type { HealthSpec, Probe } from '../engine/types.js';
import type { RawHealth, RawWorkload } from './raw.js';
import type { Reporter } from './report.js';
import { parseDuration } from '../units.js';

/** Engine-side checks stay modest (DESIGN §6); pond's own probe polls fast while starting. */
export const HEALTH_DEFAULTS = { intervalMs: 5_000, timeoutMs: 5_000, retries: 3, startPeriodMs: 0 };

/**
 * Several probe kinds in one `health:` mean all of them must pass. `exec` as a string runs through
 * `sh -c`, as a list it is argv (compose's CMD-SHELL and CMD).
 */
export function normalizeHealth(
  raw: RawHealth | undefined,
  at: (string | number)[],
  report: Reporter,
): HealthSpec | undefined {
  if (!raw || raw.disable) return undefined;
  const probes: Probe[] = [];
  if (raw.exec !== undefined) probes.push({ exec: typeof raw.exec === 'string' ? ['sh', '-c', raw.exec] : raw.exec });
  if (raw.http) probes.push({ http: { port: raw.http.port, path: raw.http.path ?? '/' } });
  if (raw.tcp !== undefined) probes.push({ tcp: { port: typeof raw.tcp === 'number' ? raw.tcp : raw.tcp.port } });
  if (raw.log !== undefined) probes.push({ log: raw.log });
  if (probes.length === 0) {
    report.error(
      at,
      'health',
      'health needs a probe: exec, http, tcp or log',
      'e.g. `health: { exec: "pg_isready -h 127.0.0.1" }`',
    );
    return undefined;
  }
  const ms = (key: 'interval' | 'timeout' | 'start_period', fallback: number): number => {
    const value = raw[key];
    if (value === undefined) return fallback;
    const parsed = parseDuration(value);
    if (parsed === undefined)
      report.error([...at, key], 'duration', `"${value}" is not a duration`, 'write it like "500ms", "2s" or "1m30s"');
    return parsed ?? fallback;
  };
  return {
    probe: probes.length === 1 ? probes[0]! : { all: probes },
    intervalMs: ms('interval', HEALTH_DEFAULTS.intervalMs),
    timeoutMs: ms('timeout', HEALTH_DEFAULTS.timeoutMs),
    retries: raw.retries ?? HEALTH_DEFAULTS.retries,
    startPeriodMs: ms('start_period', HEALTH_DEFAULTS.startPeriodMs),
  };
}

/**
 * `ready_when` (a dev server's "compiled successfully", or its HTTP port answering) is readiness that
 * pond checks itself: its probes join the health check, so dependents waiting for `healthy` wait for
 * them too, and `pond ps` re-checks them (starting → ready → responding). Without `health:` the
 * defaults apply, with no engine-side check.
 */
export function readyWhenProbe(raw: RawWorkload['ready_when']): Probe | undefined {
  if (!raw) return undefined;
  const parts: Probe[] = [];
  if (raw.log !== undefined) parts.push({ log: raw.log });
  if (raw.http) parts.push({ http: { port: raw.http.port, path: raw.http.path ?? '/' } });
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { all: parts };
}

/** The health check with the ready_when probes added (both must pass). */
export function withReadiness(health: HealthSpec | undefined, ready: Probe | undefined): HealthSpec | undefined {
  if (!ready) return health;
  if (!health) return { probe: ready, ...HEALTH_DEFAULTS };
  const parts = (p: Probe): Probe[] => ('all' in p ? p.all : [p]);
  return { ...health, probe: { all: [...parts(health.probe), ...parts(ready)] } };
}
