/**
 * One line of `pond logs` before it is printed. `label` is what the prefix says: the workload, or
 * "W (previous)" for the lines saved from the container a replace or down removed.
 */
export interface LogEntry {
  label: string;
  /** Index of the workload among those shown: picks its colour. */
  slot: number;
  time: string;
  text: string;
}

/** The engine trims trailing zeros of the fraction ("…:05.1Z"); padded to nanoseconds, stamps sort as text. */
export function sortableTime(time: string): string {
  return time.replace(
    /(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/,
    (_m, hms: string, frac = '') => `${hms}.${frac.padEnd(9, '0')}Z`,
  );
}

/** Every source's lines interleaved by time; lines of one instant keep their source's order. Pure. */
export function interleave(sources: LogEntry[][]): LogEntry[] {
  const keyed = sources.flatMap((lines, s) => lines.map((e, i) => ({ e, key: sortableTime(e.time), s, i })));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.s - b.s || a.i - b.i));
  return keyed.map((k) => k.e);
}

/**
 * `--tail N` counts a workload's lines, saved and current together: the current container's last N
 * (already cut by the engine) leave room for only so many of the saved ones before them. Pure.
 */
export function tailSaved<T>(saved: T[], currentCount: number, tail: number | undefined): T[] {
  if (tail === undefined) return saved;
  const room = Math.max(0, tail - currentCount);
  return room === 0 ? [] : saved.slice(-room);
}

const COLORS = [36, 33, 32, 35, 34, 96, 93, 92];

export interface LineFormat {
  /** Width the labels are padded to; undefined: no prefix (--no-log-prefix). */
  width?: number;
  timestamps: boolean;
  color: boolean;
}

/** "name | text", the name coloured per workload on a terminal; with -t the engine's timestamp first. Pure. */
export function formatEntry(e: LogEntry, f: LineFormat): string {
  const body = f.timestamps && e.time ? `${e.time} ${e.text}` : e.text;
  if (f.width === undefined) return body;
  const prefix = `${e.label.padEnd(f.width)} |`;
  return `${f.color ? `\x1b[${COLORS[e.slot % COLORS.length]}m${prefix}\x1b[0m` : prefix} ${body}`;
}
