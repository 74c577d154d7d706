import { Command, Option } from 'commander';
import type { Context } from '../context.js';

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
export const format = (): Option => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
