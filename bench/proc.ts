import { spawn } from 'node:child_process';

/** A child process that exited non-zero, with its output kept for the report. */
export class ProcessError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly output: string,
    /** Killed after running past its bound (`run`'s stallMs), not failed on its own. */
    readonly stalledMs?: number,
  ) {
    super(
      `${command}${stalledMs ? ` (stalled: killed after ${stalledMs / 1000} s)` : ''} exited ${code}\n${output.trimEnd()}`,
    );
  }
}

/**
 * Runs a command to completion with piped (non-TTY) output, as a script or CI would, and returns
 * stdout+stderr. Rejects with ProcessError on a non-zero exit, and past `stallMs` (when given) kills
 * it and rejects saying so.
 */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, stallMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let output = '';
    let stalled = false;
    const timer =
      stallMs === undefined
        ? undefined
        : setTimeout(() => {
            stalled = true;
            child.kill('SIGKILL');
          }, stallMs);
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new ProcessError([command, ...args].join(' '), code, output, stalled ? stallMs : undefined));
    });
  });
}
