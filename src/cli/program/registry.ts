import type { Command } from 'commander';
import { Option } from 'commander';
import type { Context } from '../context.js';
import { PROGRESS_MODES } from '../output-mode.js';

/** What every group of commands is registered with: the program, how a command runs, and shared options. */
export interface Registry {
  program: Command;
  run: (fn: () => Promise<number>) => Promise<void>;
  ctxFor: (cmd: Command) => Context;
  lockTimeout: Option;
  concurrency: Option;
}

/** A repeatable option's values, in order. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
export const format = (): Option =>
  new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
/** `--progress` on the commands that apply a plan (and pull): how progress is drawn on stderr. */
export const progress = (): Option =>
  new Option(
    '--progress <mode>',
    'auto (live on a terminal, else plain lines), tty, plain, json (NDJSON events on stderr, for tools) or quiet (errors only)',
  )
    .choices(PROGRESS_MODES)
    .default('auto');
