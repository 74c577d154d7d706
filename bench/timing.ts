/** Wall-clock seconds one call takes, from just before it starts to just after it settles. */
export async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

/** Median of a non-empty sample (mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Smallest value of a non-empty sample. */
export function min(xs: number[]): number {
  return Math.min(...xs);
}

/** "median (min)" in seconds, or "-" when the tool was not measured. */
export function cell(xs: number[] | undefined): string {
  if (!xs?.length) return '-';
  return `${median(xs).toFixed(3)} (${min(xs).toFixed(3)})`;
}

/** a/b of the medians as "1.23x", or "-" when either side is missing. */
export function ratio(a: number[] | undefined, b: number[] | undefined): string {
  if (!a?.length || !b?.length) return '-';
  return `${(median(a) / median(b)).toFixed(2)}x`;
}

/** A left-aligned text table; the first row is the header, followed by a rule. */
export function renderTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
