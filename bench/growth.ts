import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadavg } from './load.js';
import { run } from './proc.js';
import { pondYaml } from './stack-files.js';
import { timed } from './timing.js';

/** The pure measures: no engine is touched. */
export const MEASURES = ['validate', 'plan', 'plan down'] as const;
export type Measure = (typeof MEASURES)[number];

/** Seconds per measure and size, for pond and for that measure's floor, and the load when each size began. */
export interface GrowthSamples {
  sizes: number[];
  loads: Record<number, string>;
  data: Record<string, { pond: number[]; floor: number[] }>;
}

export function growthKey(m: Measure, n: number): string {
  return `${m}|${n}`;
}

async function validateRound(root: string, file: string): Promise<[number, number]> {
  const pond = await timed(
    async () => void (await run(process.execPath, [path.join(root, 'bin', 'pond'), '-f', file, 'validate'])),
  );
  const floor = await timed(
    async () => void (await run(process.execPath, [path.join(root, 'dist', 'bench', 'parse-process.js'), file])),
  );
  return [pond, floor];
}

interface PureFigures {
  parse: number;
  plan: number;
  listParse: number;
  down: number;
}

async function pureRound(root: string, file: string, n: number): Promise<PureFigures> {
  const out = await run(process.execPath, [
    path.join(root, 'dist', 'bench', 'growth-child.js'),
    file,
    'pond-bench-growth',
  ]);
  const figures = JSON.parse(out.trim().split('\n').at(-1)!) as PureFigures & { steps: { plan: number; down: number } };
  if (figures.steps.plan < n || figures.steps.down < n)
    throw new Error(`growth N=${n}: plan has ${figures.steps.plan} steps, down ${figures.steps.down}`);
  return figures;
}

/**
 * For each size: `pond validate` in a fresh process against a fresh node parsing the same YAML; then,
 * in a fresh node per round, pond's loader + planner against nothing observed (floor: js-yaml's failsafe load)
 * and planDown of N observed containers (floor: JSON.parse of the engine's list body for them).
 */
export async function measureGrowth(
  root: string,
  sizes: number[],
  repeat: number,
  log: (s: string) => void,
): Promise<GrowthSamples> {
  const out: GrowthSamples = { sizes, loads: {}, data: {} };
  const add = (m: Measure, n: number, pond: number, floor: number): void => {
    const slot = (out.data[growthKey(m, n)] ??= { pond: [], floor: [] });
    slot.pond.push(pond);
    slot.floor.push(floor);
  };
  for (const n of sizes) {
    out.loads[n] = loadavg();
    const dir = await mkdtemp(path.join(os.tmpdir(), `pond-bench-growth-${n}-`));
    const file = path.join(dir, 'pond.yaml');
    try {
      await writeFile(file, pondYaml(n, 0));
      for (let r = 1; r <= repeat; r++) {
        add('validate', n, ...(await validateRound(root, file)));
        const f = await pureRound(root, file, n);
        add('plan', n, f.plan, f.parse);
        add('plan down', n, f.down, f.listParse);
        log(
          `growth N=${n} run ${r}/${repeat}: validate ${out.data[growthKey('validate', n)]!.pond.at(-1)!.toFixed(2)}s plan ${f.plan.toFixed(3)}s plan-down ${f.down.toFixed(3)}s`,
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return out;
}
