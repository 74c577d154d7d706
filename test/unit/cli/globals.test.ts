import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/cli/main.js';

const sub = (program: Command, name: string): Command => program.commands.find((c) => c.name() === name)!;
const longs = (cmd: Command): (string | undefined)[] => cmd.options.map((o) => o.long);

/** Parses argv as main does, running nothing: the tree's option values are what is checked. */
async function parsed(argv: string[]): Promise<Command> {
  const program = build(async () => undefined);
  await program.parseAsync(argv, { from: 'user' });
  return program;
}

describe('global options after the command', () => {
  it('are given only to the command that runs', async () => {
    const program = await parsed(['plan']);
    expect(longs(sub(program, 'plan'))).toContain('--file');
    expect(longs(sub(program, 'up'))).not.toContain('--file');
    expect(longs(sub(program, 'logs'))).not.toContain('--project-name');
  });

  it('are read after the command as before it', async () => {
    const program = await parsed(['-f', 'a.yaml', 'plan', '-f', 'b.yaml', '-p', 'x', '--env-file', 'e', '--no-color']);
    expect(program.opts().file).toEqual(['a.yaml']);
    expect(sub(program, 'plan').opts()).toMatchObject({
      file: ['b.yaml'],
      projectName: 'x',
      envFile: ['e'],
      color: false,
    });
  });

  it("leave a command's own short letter to it: logs -f follows, --file still names a file", async () => {
    const logs = sub(await parsed(['logs', '-f', '--file', 'a.yaml']), 'logs');
    expect(logs.opts()).toMatchObject({ follow: true, file: ['a.yaml'] });
  });

  it('are on every command of the whole tree, for completion', () => {
    const program = build(async () => undefined, true);
    for (const cmd of program.commands) expect(longs(cmd), cmd.name()).toContain('--project-directory');
  });
});
