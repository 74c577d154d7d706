import type { HealthSpec, Probe } from '../engine/types.js';

/** A Compose healthcheck, and the parts of pond's readiness it could not express. */
export interface ComposeHealth {
  healthcheck?: Record<string, unknown>;
  dropped: string[];
}

/**
 * pond probes http and tcp from outside the container; a Compose healthcheck runs inside it, so those
 * become a shell line that tries the tools images usually have (wget, curl, python3, bash's /dev/tcp).
 * A `log:` condition has no healthcheck form.
 */
export function composeHealth(health: HealthSpec | undefined): ComposeHealth {
  if (!health) return { dropped: [] };
  const parts = flatten(health.probe);
  const lines = parts.map(shellLine);
  const dropped = parts.filter((p) => 'log' in p).map((p) => `log "${(p as { log: string }).log}"`);
  const checks = lines.filter((l): l is string[] | string => l !== undefined);
  if (!checks.length) return { dropped };
  const test =
    checks.length === 1 && Array.isArray(checks[0])
      ? ['CMD', ...checks[0]]
      : ['CMD-SHELL', checks.map((c) => (Array.isArray(c) ? c.map(quote).join(' ') : `(${c})`)).join(' && ')];
  return {
    healthcheck: {
      test,
      interval: `${health.intervalMs}ms`,
      timeout: `${health.timeoutMs}ms`,
      retries: health.retries,
      start_period: `${health.startPeriodMs}ms`,
    },
    dropped,
  };
}

function flatten(p: Probe): Probe[] {
  return 'all' in p ? p.all.flatMap(flatten) : [p];
}

function shellLine(p: Probe): string[] | string | undefined {
  if ('exec' in p) return p.exec;
  if ('http' in p) {
    const url = quote(`http://127.0.0.1:${p.http.port}${p.http.path}`);
    return [
      `wget -q -O /dev/null ${url}`,
      `curl -fsS -o /dev/null ${url}`,
      `python3 -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' ${url}`,
    ].join(' || ');
  }
  if ('tcp' in p) return `nc -z 127.0.0.1 ${p.tcp.port} || bash -c ': </dev/tcp/127.0.0.1/${p.tcp.port}'`;
  return undefined;
}

function quote(arg: string): string {
  return /^[\w./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
