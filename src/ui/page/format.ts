import type { UiWorkload } from '../types.js';

/** The colour family of a state; the state itself is always shown as text too. */
export type Tone = 'ok' | 'warn' | 'bad' | 'idle' | 'done';

const TONES: Record<UiWorkload['state'], Tone> = {
  running: 'ok',
  healthy: 'ok',
  starting: 'warn',
  restarting: 'warn',
  unhealthy: 'bad',
  failed: 'bad',
  exited: 'idle',
  created: 'idle',
  missing: 'bad',
  scheduled: 'idle',
  completed: 'done',
};

/** A running container whose health check fails is shown as failing, whatever its state says. */
export function toneOf(w: Pick<UiWorkload, 'state' | 'health'>): Tone {
  if (w.health === 'unhealthy') return 'bad';
  if (w.state === 'running' && w.health === 'starting') return 'warn';
  return TONES[w.state] ?? 'idle';
}

/** The state as one short text, with health when it adds something. */
export function stateText(w: Pick<UiWorkload, 'state' | 'health'>): string {
  if (!w.health || w.health === w.state) return w.state;
  return `${w.state} · ${w.health}`;
}

/** A last exit code in words: OOM named, the usual signals too. */
export function exitText(code: number | undefined, oomKilled?: boolean): string {
  if (code === undefined) return '—';
  if (oomKilled) return `${code} (OOM killed)`;
  if (code === 137) return '137 (killed)';
  if (code === 143) return '143 (terminated)';
  return String(code);
}

/** Bytes in binary units, one decimal below 10. */
export function bytesText(n: number | undefined): string {
  if (n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** A duration as people read it: 850 ms, 4.2 s, 3 min 5 s. */
export function durationText(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A local date-time, or a dash. */
export function timeText(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A stable hue per workload name, so its log lines keep one colour. */
export function hueOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 360;
}
