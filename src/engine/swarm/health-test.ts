import type { HealthSpec, Probe } from '../types.js';
import type { SwarmHealthcheck } from './api.js';

const MS = 1_000_000;

/**
 * A readiness check as the task's own healthcheck, so it runs inside the cluster, on the node that
 * runs the task: an exec probe as written, http and tcp through whichever client the image has
 * (wget, curl, bash's /dev/tcp, python). A `log` probe has no in-container form: waitReady reads the
 * service's output for it instead. Undefined when nothing is left to check inside.
 */
export function toSwarmHealthcheck(health: HealthSpec): SwarmHealthcheck | undefined {
  const line = shellLine(health.probe);
  if (line === undefined) return undefined;
  return {
    Test: line.argv ? ['CMD', ...line.argv] : ['CMD-SHELL', line.shell],
    Interval: health.intervalMs * MS,
    Timeout: health.timeoutMs * MS,
    StartPeriod: health.startPeriodMs * MS,
    Retries: health.retries,
  };
}

type Line = { argv?: string[]; shell: string };

function shellLine(probe: Probe): Line | undefined {
  if ('exec' in probe) return execLine(probe.exec);
  if ('http' in probe) return { shell: httpCheck(probe.http.port, probe.http.path) };
  if ('tcp' in probe) return { shell: tcpCheck(probe.tcp.port) };
  if ('log' in probe) return undefined;
  const parts = probe.all.map(shellLine).filter((l): l is Line => l !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { shell: parts.map((p) => `(${p.argv ? p.argv.map(quote).join(' ') : p.shell})`).join(' && ') };
}

function execLine(argv: string[]): Line {
  if (argv.length === 1 && /\s/.test(argv[0] ?? '')) return { shell: argv[0]! };
  return { argv, shell: argv.map(quote).join(' ') };
}

/** Any 2xx/3xx answer passes, as the Docker backend's own http probe counts it. */
export function httpCheck(port: number, path: string): string {
  const url = quote(`http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`);
  return [
    `if command -v wget >/dev/null 2>&1; then wget -q -O /dev/null ${url}`,
    `elif command -v curl >/dev/null 2>&1; then curl -fsS -o /dev/null ${url}`,
    `else python3 -c ${quote(`import sys,urllib.request;urllib.request.urlopen(sys.argv[1],timeout=5)`)} ${url}; fi`,
  ].join('; ');
}

/** A connect succeeds: bash's /dev/tcp, python, an nc with -z, else busybox's nc (no -z) on empty input. */
export function tcpCheck(port: number): string {
  return [
    `if command -v bash >/dev/null 2>&1; then bash -c ${quote(`exec 3<>/dev/tcp/127.0.0.1/${port}`)}`,
    `elif command -v python3 >/dev/null 2>&1; then python3 -c ${quote(`import socket;socket.create_connection(("127.0.0.1",${port}),5)`)}`,
    `elif nc -h 2>&1 | grep -q -- -z; then nc -z 127.0.0.1 ${port}`,
    `else nc -w 1 127.0.0.1 ${port} </dev/null; fi`,
  ].join('; ');
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
