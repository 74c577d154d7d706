import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { candidates, type NamedWorkload } from '../../../src/cli/complete.js';
import { build } from '../../../src/cli/main.js';

const workloads: NamedWorkload[] = [
  { name: 'db', kind: 'database' },
  { name: 'nightly', kind: 'bot' },
  { name: 'web', kind: 'service' },
];

function tree(): Command {
  const program = new Command('tool').option('-f, --file <file>', 'a file').option('-v, --verbose', 'talk');
  program
    .command('serve')
    .argument('[workloads...]', 'which')
    .option('--no-wait', 'w')
    .option('--format <f>', 'f')
    .addOption(new Option('--mode <m>').choices(['fast', 'slow']))
    .addOption(new Option('--hidden-one').hideHelp());
  program.command('runs').argument('<bot>', 'a bot');
  program.command('shell').addArgument(new Argument('<kind>').choices(['bash', 'zsh']));
  program
    .command('exec')
    .argument('<workload>', 'w')
    .argument('[command...]', 'its command')
    .option('-u, --user <u>', 'u');
  program.command('secret', { hidden: true });
  return program;
}
const complete = (...words: string[]): string[] => candidates(tree(), words, () => workloads);

describe('completion candidates, read from the command tree', () => {
  it('offers the visible commands starting with the word (never a hidden one)', () => {
    expect(complete('s')).toEqual(['serve', 'shell']);
    expect(complete('')).toEqual(['exec', 'help', 'runs', 'serve', 'shell']);
  });

  it("offers a command's visible flags, negated ones too, never a hidden one", () => {
    expect(complete('serve', '--')).toEqual(['--format', '--help', '--mode', '--no-wait']);
    expect(complete('serve', '--no-')).toEqual(['--no-wait']);
  });

  it('offers the global flags before the command', () => {
    expect(complete('--')).toEqual(['--file', '--help', '--verbose']);
  });

  it('offers workload names for a workload argument, leaving out those already given', () => {
    expect(complete('serve', '')).toEqual(['db', 'nightly', 'web']);
    expect(complete('serve', 'web', '')).toEqual(['db', 'nightly']);
  });

  it('offers only bots for a <bot> argument', () => {
    expect(complete('runs', '')).toEqual(['nightly']);
  });

  it("offers an argument's and an option's choices", () => {
    expect(complete('shell', '')).toEqual(['bash', 'zsh']);
    expect(complete('serve', '--mode', '')).toEqual(['fast', 'slow']);
  });

  it("offers nothing for an option's free value, and skips it when counting arguments", () => {
    expect(complete('-f', '')).toEqual([]);
    expect(complete('-f', 'x.yaml', 'se')).toEqual(['serve']);
    expect(complete('serve', '--format', 'text', 'w')).toEqual(['web']);
  });

  it("offers nothing inside a command's own arguments, its flags included", () => {
    expect(complete('exec', 'db', '')).toEqual([]);
    expect(complete('exec', 'db', 'ls', '-')).toEqual([]);
    expect(complete('exec', '-u', 'root', '')).toEqual(['db', 'nightly', 'web']);
  });

  it('offers nothing after an unknown command or after --', () => {
    expect(complete('nope', '')).toEqual([]);
    expect(complete('serve', '--', '')).toEqual([]);
  });

  it('reads pond.yaml only when names are wanted', () => {
    let reads = 0;
    candidates(tree(), ['serve', '--'], () => (reads++, workloads));
    expect(reads).toBe(0);
  });

  it("on pond's own tree: st completes to start, stats and stop", () => {
    expect(
      candidates(
        build(async () => undefined, true),
        ['st'],
        () => [],
      ),
    ).toEqual(['start', 'stats', 'stop']);
  });
});
