/**
 * Run ids and history as pure functions. An id is the start time in UTC to the millisecond plus a
 * short random suffix ("20250102T030405678Z-1a2b"): ids sort by start time as plain strings, are
 * valid in container names and never collide between two runs started in the same millisecond.
 */
export function runId(at: Date, suffix: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${suffix}`;
}

/** When a run id says it started (for runs listed without a record). */
export function runStarted(id: string): Date | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z/.exec(id);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`) : undefined;
}

/** Newest first. */
export function newestFirst(ids: string[]): string[] {
  return [...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/**
 * The runs to delete so that `keep` finished runs remain: the oldest finished ones. A run still
 * going is never pruned and does not count against the limit.
 */
export function prunable(ids: string[], keep: number, active: ReadonlySet<string>): string[] {
  return newestFirst(ids.filter((id) => !active.has(id))).slice(Math.max(keep, 0));
}
