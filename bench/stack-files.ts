import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { COMMAND, IMAGE, dependencyOf, envFor, serviceNames } from './stack.js';

function dependsOn(n: number, i: number): { depends_on?: string[] } {
  const dep = dependencyOf(n, i);
  return dep ? { depends_on: [dep] } : {};
}

/** pond.yaml for `n` services at revision `rev`. */
export function pondYaml(n: number, rev: number): string {
  const workloads = Object.fromEntries(
    serviceNames(n).map((s, i) => [
      s,
      { image: IMAGE, command: COMMAND, init: true, env: envFor(n, s, rev), ...dependsOn(n, i) },
    ]),
  );
  return stringify({ version: 1, workloads }, { aliasDuplicateObjects: false });
}

/** docker-compose.yml (file format 2.4, the newest compose v1 reads with `init`) for the same stack. */
export function composeYaml(n: number, rev: number): string {
  const services = Object.fromEntries(
    serviceNames(n).map((s, i) => [
      s,
      { image: IMAGE, command: COMMAND, init: true, environment: envFor(n, s, rev), ...dependsOn(n, i) },
    ]),
  );
  return stringify({ version: '2.4', services }, { aliasDuplicateObjects: false });
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
