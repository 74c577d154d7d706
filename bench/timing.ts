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

/** "median (min)" in seconds (or in ms with `scale` 1000), or `missing` when the tool was not measured. */
export function cell(xs: number[] | undefined, missing = '-', scale = 1): string {
  if (!xs?.length) return missing;
  const digits = scale === 1 ? 3 : 1;
  return `${(median(xs) * scale).toFixed(digits)} (${(min(xs) * scale).toFixed(digits)})`;
}

/** a/b of the medians as "1.23x", or "-" when either side is missing. */
export function ratio(a: number[] | undefined, b: number[] | undefined): string {
  if (!a?.length || !b?.length) return '-';
  return `${(median(a) / median(b)).toFixed(2)}x`;
}

/** A markdown table; the first row is the header. Columns are padded so the source reads as a table too. */
export function renderTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}
