import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

/** The image every bench service runs; it must already be present (the bench never pulls). */
export const IMAGE = 'busybox:1.35';
/** The long-running command; under an init so stops take ~0.1 s instead of the 10 s timeout (DESIGN §6). */
export const COMMAND = ['sh', '-c', 'sleep 3600'];
/** The env var whose value the "one change" operation bumps on the first service only. */
export const REV_VAR = 'BENCH_REV';

/** Service names for a stack of `n`: s00, s01, … (zero-padded so they sort). */
export function serviceNames(n: number): string[] {
  const width = String(Math.max(n - 1, 0)).length;
  return Array.from({ length: n }, (_, i) => `s${String(i).padStart(width, '0')}`);
}

/** The service whose env changes in "one change". */
export function changedService(n: number): string {
  return serviceNames(n)[0]!;
}

/** Env of `service` at revision `rev`: only the changed service carries `rev`, the rest stay at 0. */
export function envFor(n: number, service: string, rev: number): Record<string, string> {
  return { [REV_VAR]: String(service === changedService(n) ? rev : 0), BENCH_SERVICE: service };
}

/** pond.yaml for `n` services at revision `rev`. */
export function pondYaml(n: number, rev: number): string {
  const workloads = Object.fromEntries(
    serviceNames(n).map((s) => [s, { image: IMAGE, command: COMMAND, init: true, env: envFor(n, s, rev) }]),
  );
  return stringify({ version: 1, workloads });
}

/** docker-compose.yml (file format 2.4, the newest compose v1 reads with `init`) for the same stack. */
export function composeYaml(n: number, rev: number): string {
  const services = Object.fromEntries(
    serviceNames(n).map((s) => [s, { image: IMAGE, command: COMMAND, init: true, environment: envFor(n, s, rev) }]),
  );
  return stringify({ version: '2.4', services });
}

/** A scratch folder holding both files for one stack size; `write` rewrites them at a revision. */
export interface StackDir {
  dir: string;
  pondFile: string;
  composeFile: string;
  write(rev: number): Promise<void>;
  remove(): Promise<void>;
}

/** Creates the scratch folder for a stack of `n` and writes revision 0. */
export async function makeStackDir(n: number): Promise<StackDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `pond-bench-n${n}-`));
  const stack: StackDir = {
    dir,
    pondFile: path.join(dir, 'pond.yaml'),
    composeFile: path.join(dir, 'docker-compose.yml'),
    async write(rev) {
      await writeFile(stack.pondFile, pondYaml(n, rev));
      await writeFile(stack.composeFile, composeYaml(n, rev));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  await stack.write(0);
  return stack;
}
