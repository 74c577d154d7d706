import { createInterface } from 'node:readline/promises';
import type { Context } from './context.js';

/** A y/N question on the terminal; without one (CI, pipes) the answer is no. */
export async function confirm(ctx: Context, question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !ctx.output.tty) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
