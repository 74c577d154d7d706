import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OPS, type Op } from './ops.js';
import { cell, median, min, ratio, renderTable } from './timing.js';

/** Seconds per (op, N, tool), in the order measured, and the load average when each size began. */
export class Samples {
  private readonly data = new Map<string, number[]>();
  readonly loads = new Map<number, string>();

  add(op: Op, n: number, tool: string, seconds: number): void {
    const key = `${op}|${n}|${tool}`;
    this.data.set(key, [...(this.data.get(key) ?? []), seconds]);
  }

  get(op: Op, n: number, tool: string): number[] | undefined {
    return this.data.get(`${op}|${n}|${tool}`);
  }

  /** One row per measured (op, N, tool) with every sample, the median and the minimum. */
  rows(): { op: string; n: number; tool: string; seconds: number[]; median: number; min: number }[] {
    return [...this.data].map(([key, seconds]) => {
      const [op, n, tool] = key.split('|') as [string, string, string];
      return { op, n: Number(n), tool, seconds, median: median(seconds), min: min(seconds) };
    });
  }
}

/** Which columns to print and what an unmeasured compose cell says ("not installed", "not measured"). */
export interface Columns {
  tools: string[];
  compose: string;
}

/**
 * The engine table: "median (min)" seconds per tool, then pond's and compose's ratio to the floor
 * measured in the same run, and pond/compose. Compose has no plan: its cells there say "n/a".
 */
export function table(samples: Samples, sizes: number[], cols: Columns): string {
  const shown = cols.tools.filter((t) => t !== 'compose');
  const header = [
    'op',
    'N',
    'load (1 5 15 min)',
    ...shown.map((t) => `${t} s`),
    'compose s',
    'pond ×floor',
    'compose ×floor',
    'pond/compose',
  ];
  const rows = OPS.flatMap((op) =>
    sizes.map((n) => {
      const get = (tool: string): number[] | undefined => samples.get(op, n, tool);
      const composeMissing = op === 'plan' ? 'n/a' : cols.compose;
      return [
        op,
        String(n),
        samples.loads.get(n) ?? '-',
        ...shown.map((t) => cell(get(t))),
        cell(get('compose'), composeMissing),
        ratio(get('pond'), get('floor')),
        ratio(get('compose'), get('floor')),
        ratio(get('pond'), get('compose')),
      ];
    }),
  );
  return renderTable([header, ...rows]);
}

/** Where and on what the figures were taken, so a results file can be read on its own. */
export interface HostInfo {
  kind: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  docker: string;
  compose: string;
}

/** Describes this machine; `kind` names results files, e.g. "2cpu-linux-docker20.10". */
export function hostInfo(docker: string, compose: string): HostInfo {
  const cpus = os.cpus();
  const major = docker.split('.').slice(0, 2).join('.');
  return {
    kind: `${cpus.length}cpu-${os.platform()}-docker${major}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    docker,
    compose,
  };
}

/** Writes bench/results/latest.json and, when `record` is set, a dated copy meant to be committed. */
export async function writeResults(
  root: string,
  doc: object,
  host: HostInfo,
  record: string | undefined,
): Promise<string[]> {
  const dir = path.join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const files = [path.join(dir, 'latest.json')];
  if (record !== undefined)
    files.push(
      path.join(dir, `${new Date().toISOString().slice(0, 10)}-${host.kind}${record ? `-${record}` : ''}.json`),
    );
  await Promise.all(files.map((f) => writeFile(f, text)));
  return files;
}
