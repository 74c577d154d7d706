import type { UiStats } from '../types.js';
import { h, s } from './dom.js';
import { bytesText } from './format.js';

/** Samples kept per workload: 3 minutes at the server's 2 s. */
export const KEEP = 90;

type Sample = UiStats[string];

/** The last minutes of stats per workload, fed by `event: stats`. */
export class StatsHistory {
  private readonly samples = new Map<string, Sample[]>();

  add(stats: UiStats): void {
    for (const [name, sample] of Object.entries(stats)) {
      const list = this.samples.get(name) ?? [];
      if (list.at(-1)?.t === sample.t) continue;
      list.push(sample);
      if (list.length > KEEP) list.splice(0, list.length - KEEP);
      this.samples.set(name, list);
    }
  }

  of(name: string): Sample[] {
    return this.samples.get(name) ?? [];
  }
}

/**
 * An SVG polyline's points for values scaled into w×h, spread over the samples held (the first at the
 * left edge, the newest at the right), so a panel opened a few seconds ago already shows a line;
 * a single sample is a flat line across.
 */
export function points(values: number[], w: number, h: number, max: number): string {
  if (values.length === 0 || max <= 0) return '';
  const series = values.length === 1 ? [values[0]!, values[0]!] : values;
  const step = w / (series.length - 1);
  return series.map((v, i) => `${(i * step).toFixed(1)},${(h - (Math.min(v, max) / max) * h).toFixed(1)}`).join(' ');
}

const W = 240;
const H = 48;

/** CPU and memory of one workload as two small line charts with the latest values in text. */
export function statsChart(samples: Sample[]): HTMLElement {
  if (samples.length === 0) return h('p', { class: 'muted' }, 'No stats yet (they arrive every 2 s while it runs).');
  const last = samples[samples.length - 1]!;
  const cpu = samples.map((x) => x.cpuPercent);
  const mem = samples.map((x) => x.memoryBytes);
  const cpuMax = Math.max(100, ...cpu);
  const memMax = last.memoryLimitBytes > 0 ? last.memoryLimitBytes : Math.max(1, ...mem);
  return h(
    'div',
    { class: 'charts' },
    one('CPU', `${last.cpuPercent.toFixed(1)} %`, points(cpu, W, H, cpuMax), 'cpu'),
    one(
      'Memory',
      `${bytesText(last.memoryBytes)}${last.memoryLimitBytes > 0 ? ` of ${bytesText(last.memoryLimitBytes)}` : ''}`,
      points(mem, W, H, memMax),
      'mem',
    ),
  );
}

function one(label: string, value: string, pts: string, cls: string): HTMLElement {
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, `${label}: `, h('strong', {}, value)),
    s(
      'svg',
      {
        viewBox: `0 0 ${W} ${H}`,
        width: W,
        height: H,
        role: 'img',
        'aria-label': `${label} since the panel's first sample (at most 3 minutes), now ${value}`,
      },
      s('rect', { width: W, height: H, class: 'chart-bg' }),
      s('polyline', { points: pts, class: `spark ${cls}` }),
    ),
  );
}
