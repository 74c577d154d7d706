import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { ROOT, type PondRun } from './pond.js';

const BIN = path.join(ROOT, 'bin/pond');
const env = { ...process.env, NO_COLOR: '1' };

/** Where pond runs: a folder, or a scenario (its folder and its variables). */
export type Place = string | { dir: string; env: Record<string, string> };
const where = (at: Place): { cwd: string; env: NodeJS.ProcessEnv } =>
  typeof at === 'string' ? { cwd: at, env } : { cwd: at.dir, env: { ...env, ...at.env } };

/** One shell word, whatever it holds. */
export const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function collect(child: ChildProcess): Promise<PondRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => (stdout += c));
  child.stderr?.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

/** pond with `input` on stdin (a pipe that ends after it), stdout and stderr captured apart. */
export function pondWithInput(args: string[], input: string, at: Place): Promise<PondRun> {
  const child = spawn(process.execPath, [BIN, ...args], where(at));
  const done = collect(child);
  child.stdin.end(input);
  return done;
}

/** pond with /dev/null as stdin. */
export function pondWithoutInput(args: string[], at: Place): Promise<PondRun> {
  return collect(spawn(process.execPath, [BIN, ...args], { ...where(at), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/**
 * pond under a pseudo-terminal (util-linux script), as a user at a terminal runs it; `before` runs
 * first in the same shell (`stty rows 40 cols 100; `). script's own stdin stays an open pipe, so the
 * terminal never sees an end of input unless the test types one; `child` lets it type keys.
 */
export function pondInPty(
  args: string[],
  at: Place,
  before = '',
): { child: ChildProcessWithoutNullStreams; done: Promise<PondRun> } {
  const line = `${before}${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qec', line, '/dev/null'], where(at));
  const done = collect(child);
  void done.then(() => child.stdin.destroy());
  return { child, done };
}
