import type { GrowthSamples } from './growth.js';
import { MEASURES, growthKey } from './growth.js';
import type { QuerySamples } from './query.js';
import { cell, median, ratio, renderTable } from './timing.js';

/**
 * Pure growth: pond and its floor per size, the ratio, pond's cost per service, and how pond's median
 * grew against the previous size relative to linear (1.00 = linear, 2.00 = twice linear: quadratic-ish).
 */
export function growthTable(g: GrowthSamples): string {
  const header = [
    'measure',
    'N',
    'load (1 5 15 min)',
    'pond ms',
    'floor ms',
    'pond ×floor',
    'pond µs/service',
    'growth vs linear',
  ];
  const rows = MEASURES.flatMap((m) =>
    g.sizes.map((n, i) => {
      const s = g.data[growthKey(m, n)];
      const prevN = g.sizes[i - 1];
      const prev = prevN === undefined ? undefined : g.data[growthKey(m, prevN)];
      const growth = s && prev && prevN ? `${(median(s.pond) / median(prev.pond) / (n / prevN)).toFixed(2)}` : '-';
      const perService = s ? ((median(s.pond) / n) * 1e6).toFixed(0) : '-';
      return [
        m,
        String(n),
        g.loads[n] ?? '-',
        cell(s?.pond, '-', 1000),
        cell(s?.floor, '-', 1000),
        ratio(s?.pond, s?.floor),
        perService,
        growth,
      ];
    }),
  );
  return renderTable([header, ...rows]);
}

/**
 * `select 42`: pond query against the empty container run of its image (the floor), against its
 * runner started by hand with `docker run --rm` (the floor plus DuckDB's own start), and against
 * DuckDB in a plain node process.
 */
export function queryTable(q: QuerySamples, load: string): string {
  const header = [
    'query',
    'load (1 5 15 min)',
    'pond query s',
    'docker run --rm s (floor)',
    'runner by hand s',
    'duckdb in node s',
    'pond ×floor',
    'pond − runner by hand s',
    'pond ×duckdb',
  ];
  const row = [
    'select 42',
    load,
    cell(q.pond),
    cell(q.dockerRun),
    q.runner?.length ? cell(q.runner) : '-',
    cell(q.duckdb),
    ratio(q.pond, q.dockerRun),
    q.runner?.length ? (median(q.pond) - median(q.runner)).toFixed(3) : '-',
    ratio(q.pond, q.duckdb),
  ];
  return renderTable([header, row]);
}
