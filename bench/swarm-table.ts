import type { HostInfo } from './report.js';
import { SWARM_OPS, type SwarmOp } from './swarm-sides.js';
import { median, ratio, renderTable } from './timing.js';

/** Seconds per (op, tool), what was observed beside them, and what went wrong: the run's record. */
export class SwarmResults {
  private readonly seconds = new Map<string, number[]>();
  private readonly notes = new Map<string, string[]>();
  readonly problems: string[] = [];
  readonly load = { before: '', after: '' };
  statusSeconds = NaN;

  add(op: SwarmOp, tool: string, s: number): void {
    this.seconds.set(`${op}|${tool}`, [...this.get(op, tool), s]);
  }

  get(op: SwarmOp, tool: string): number[] {
    return this.seconds.get(`${op}|${tool}`) ?? [];
  }

  /** One observation per run, e.g. seed attempts; printed as the list of values. */
  note(tool: string, what: string, value: string | number): void {
    const key = `${what}|${tool}`;
    this.notes.set(key, [...(this.notes.get(key) ?? []), String(value)]);
  }

  noted(tool: string, what: string): string[] {
    return this.notes.get(`${what}|${tool}`) ?? [];
  }

  problem(text: string): void {
    this.problems.push(text);
  }

  json(): object {
    return {
      seconds: Object.fromEntries(this.seconds),
      notes: Object.fromEntries(this.notes),
      problems: this.problems,
      load: this.load,
      statusSeconds: this.statusSeconds,
    };
  }
}

/** "median (min–max)" in seconds, or "-" when nothing was measured. */
export function spread(xs: number[]): string {
  if (!xs.length) return '-';
  return `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
}

const NOTES = [
  'ready nodes at start of cycle',
  'seed attempts',
  'services bumped by no-op',
  'services bumped by change',
  'change until UpdateStatus completed, s',
  'down until no container on any node, s',
  'left 30 s after teardown',
];

/** The markdown of one run: the timing table, then what each tool did beside the timings. */
export function swarmTable(r: SwarmResults, host: HostInfo, repeat: number, started: Date): string {
  const title = `### ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, swarm of 3 docker-in-docker nodes`;
  const about = `${host.cpus} vCPU ${host.cpuModel}, Docker ${host.docker} on every node, node ${host.node}; ${repeat} run(s) per cell, "median (min–max)" seconds; load average ${r.load.before} before, ${r.load.after} after.`;
  const rows = SWARM_OPS.map((op) => [
    op,
    spread(r.get(op, 'pond')),
    spread(r.get(op, 'stack')),
    ratio(r.get(op, 'pond'), r.get(op, 'stack')),
  ]);
  const table = renderTable([['op', 'pond up/down s', 'docker stack s', 'pond/stack'], ...rows]);
  const notes = NOTES.map(
    (n) => `- ${n}: pond ${r.noted('pond', n).join(', ') || '-'}; stack ${r.noted('stack', n).join(', ') || '-'}`,
  );
  const status = `- \`bash scripts/swarm.sh status\`: ${r.statusSeconds.toFixed(2)} s`;
  const problems = r.problems.map((p) => `- PROBLEM: ${p}`);
  return [title, about, table, [...notes, status, ...problems].join('\n')].join('\n\n');
}
