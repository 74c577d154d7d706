import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { NamedWorkload } from './complete.js';

const MAIN = ['pond.yaml', 'pond.yml'];
const OVERRIDE = ['pond.override.yaml', 'pond.override.yml'];
/** Larger files are not read while the user waits on TAB. */
const MAX_BYTES = 1 << 20;

/**
 * The workloads the files on the command line (`-f`, else pond.yaml and pond.override.yaml here)
 * define, read with the YAML parser alone: no interpolation, no schema, no engine. A file that is
 * absent, too large or broken adds nothing, and nothing is ever printed.
 */
export function workloadsOnDisk(words: readonly string[], cwd: string): NamedWorkload[] {
  const kinds = new Map<string, string>();
  for (const file of filesOf(words, cwd)) {
    for (const [name, body] of Object.entries(workloadsIn(file)))
      kinds.set(name, kindOf(body) ?? kinds.get(name) ?? 'service');
  }
  return [...kinds].map(([name, kind]) => ({ name, kind }));
}

function filesOf(words: readonly string[], cwd: string): string[] {
  const given = words.flatMap((w, i) =>
    (w === '-f' || w === '--file') && words[i + 1] !== undefined
      ? [words[i + 1]!]
      : w.startsWith('--file=')
        ? [w.slice(7)]
        : [],
  );
  if (given.length) return given.map((f) => path.resolve(cwd, f));
  const first = (names: string[]): string[] =>
    names
      .map((n) => path.join(cwd, n))
      .filter((f) => fs.existsSync(f))
      .slice(0, 1);
  return [...first(MAIN), ...first(OVERRIDE)];
}

function workloadsIn(file: string): Record<string, unknown> {
  try {
    if (fs.statSync(file).size > MAX_BYTES) return {};
    const doc = parse(fs.readFileSync(file, 'utf8')) as { workloads?: unknown } | null;
    const workloads = doc?.workloads;
    return workloads && typeof workloads === 'object' && !Array.isArray(workloads)
      ? (workloads as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function kindOf(body: unknown): string | undefined {
  const kind = (body as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : undefined;
}
