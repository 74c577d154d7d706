import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { pond } from './helpers/pond.js';

describe('--help', () => {
  it('every command shows at least one example of itself', async () => {
    const top = await pond(['--help'], { cwd: os.tmpdir() });
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(20);
    const missing: string[] = [];
    await Promise.all(
      commands.map(async (c) => {
        const help = await pond([c, '--help'], { cwd: os.tmpdir() });
        if (help.code !== 0 || !new RegExp(`Examples?:\\n(.*\\n)*\\s+.*pond ${c}\\b`).test(help.stdout))
          missing.push(c);
      }),
    );
    expect(missing.sort()).toEqual([]);
  });
});
