import type { Command } from 'commander';
import { candidates } from '../complete.js';
import { workloadsOnDisk } from '../complete-project.js';

/** `pond __complete WORD...`: the candidates for the last word, one a line; never an error, never on stderr. */
export function completeCommand(program: Command, words: string[], cwd: string): number {
  try {
    const found = candidates(program, words, () => workloadsOnDisk(words, cwd));
    if (found.length) process.stdout.write(found.join('\n') + '\n');
  } catch {
    // A completion that fails offers nothing rather than an error in the middle of the user's line.
  }
  return 0;
}
