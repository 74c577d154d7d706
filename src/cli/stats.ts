/**
 * How `pond ps` shows time and resource figures. Pure: the clock is an argument. Turning the engine's
 * raw stats into numbers is the backend's job (engine/docker/stats.ts); this file only renders them.
 */

/** Whole seconds since `startedAt` (never negative: engine and host clocks may disagree slightly). */
export function uptimeSeconds(startedAt: string, now: Date): number | undefined {
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - started) / 1000));
}

const SPANS: [number, string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'm'],
];

/** "3s", "5m", "2h", "3d": the largest whole unit, as `docker ps` rounds. */
export function formatUptime(seconds: number): string {
  for (const [size, unit] of SPANS) if (seconds >= size) return `${Math.floor(seconds / size)}${unit}`;
  return `${Math.floor(seconds)}s`;
}

/** "12.3%"; 200% means two CPUs busy. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Binary units, three significant digits (docker stats shows four; three keep the column narrow): "328KiB", "45.1MiB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toPrecision(3))}${UNITS[unit]}`;
}

/** "45.1MiB / 256MiB". */
export function formatMemory(used: number, limit: number): string {
  return `${formatBytes(used)} / ${formatBytes(limit)}`;
}

/** "1.2KiB / 0B": a pair of counters (NET I/O rx / tx, BLOCK I/O read / write). */
export function formatIo(first: number, second: number): string {
  return `${formatBytes(first)} / ${formatBytes(second)}`;
}

/** Memory use as a share of the limit; 0 when the limit is unknown. */
export function memoryPercent(used: number, limit: number): number {
  return limit > 0 ? (used / limit) * 100 : 0;
}
