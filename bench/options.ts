import { parseArgs } from 'node:util';

export const TOOLS = ['pond', 'floor', 'inproc', 'compose'];
export const PARTS = ['engine', 'growth', 'query'];
/** Sizes from here up are measured without the engine only (validate, plan, plan down). */
export const GROWTH_MIN = 1000;

export const USAGE = `usage: npm run bench -- [--sizes 10,50,100,200] [--growth 1000,5000] [--repeat 3] [--concurrency 16]
                         [--tools ${TOOLS.join(',')}] [--parts ${PARTS.join(',')}] [--quick] [--record [--label TEXT]]

Engine sizes: cold up, no-op up, plan, one change and down of N busybox services with pond, the raw
HTTP floor (a fresh node process; "inproc": the same calls in this process) and docker-compose.
Growth sizes (--growth, and any --sizes >= ${GROWTH_MIN}): validate, plan and plan down with no engine.
Query: pond query "select 42" against docker run --rm of the runner image and DuckDB in node.
Every figure is a ratio to its floor measured in the same run. --quick: small sizes, one run.
--record writes bench/results/<date>-<host>[-label].json and the results section of bench/README.md.`;

/** The bench's choices, checked. */
export interface Options {
  sizes: number[];
  growth: number[];
  repeat: number;
  concurrency: number;
  tools: string[];
  parts: string[];
  record: string | undefined;
}

const ints = (s: string): number[] => (s ? s.split(',').map(Number) : []);

export function options(argv: string[]): Options {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      growth: { type: 'string' },
      repeat: { type: 'string' },
      concurrency: { type: 'string', default: '16' },
      tools: { type: 'string', default: 'pond,floor,compose' },
      parts: { type: 'string', default: PARTS.join(',') },
      quick: { type: 'boolean', default: false },
      record: { type: 'boolean', default: false },
      label: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (v.help) throw new Error(USAGE);
  const all = ints(v.sizes ?? (v.quick ? '1,10' : '10,50,100,200'));
  const o: Options = {
    sizes: all.filter((n) => n < GROWTH_MIN),
    growth: [
      ...new Set([...ints(v.growth ?? (v.quick ? '100,1000' : '1000,5000')), ...all.filter((n) => n >= GROWTH_MIN)]),
    ].sort((a, b) => a - b),
    repeat: Number(v.repeat ?? (v.quick ? '1' : '3')),
    concurrency: Number(v.concurrency),
    tools: v.tools.split(','),
    parts: v.parts.split(','),
    record: v.record ? v.label : undefined,
  };
  const bad =
    [...o.sizes, ...o.growth, o.repeat, o.concurrency].some((x) => !Number.isInteger(x) || x < 1) ||
    o.tools.some((t) => !TOOLS.includes(t)) ||
    o.parts.some((p) => !PARTS.includes(p));
  if (bad) throw new Error(USAGE);
  return o;
}
