import { Help, type Argument, type Command, type Option } from 'commander';

/** A workload as completion needs it: a name to offer, and its kind (`pond runs` wants bots). */
export interface NamedWorkload {
  name: string;
  kind: string;
}

/** Where the words before the cursor leave the command line: which command, which argument slot, what is pending. */
interface Position {
  cmd: Command;
  positionals: string[];
  /** An option whose value the current word is. */
  awaiting?: Option;
  /** Past `--` or inside a command's own arguments (`pond exec db ls -l`): nothing of pond's applies. */
  foreign: boolean;
}

const help = new Help();

/**
 * What to offer for the last of `words` (the words after `pond`, the last one partly typed), read
 * from commander's own tree so a new command or option completes with no edit here: subcommands,
 * each command's visible flags (`--no-wait` too), an option's or argument's choices, and the
 * workload names for arguments that take a workload (a bot or query only where it wants one).
 * `workloads` is called only when names are needed: reading pond.yaml is the slow part.
 */
export function candidates(program: Command, words: readonly string[], workloads: () => NamedWorkload[]): string[] {
  const current = words.at(-1) ?? '';
  const at = position(program, words.slice(0, -1));
  const offer = (list: readonly string[]): string[] => [...new Set(list)].filter((c) => c.startsWith(current)).sort();
  if (at.awaiting) return offer(at.awaiting.argChoices ?? []);
  if (at.foreign) return [];
  if (current.startsWith('-'))
    return offer(
      help
        .visibleOptions(at.cmd)
        .flatMap((o) => [o.long, o.short])
        .filter((f): f is string => !!f),
    );
  if (at.cmd === program || at.cmd.name() === 'help')
    return at.positionals.length && at.cmd !== program ? [] : offer(help.visibleCommands(program).map((c) => c.name()));
  const arg = slot(at.cmd, at.positionals.length);
  if (!arg) return [];
  if (arg.argChoices) return offer(arg.argChoices);
  const kind = /^(bot|query)$/.exec(arg.name())?.[1];
  if (!kind && !/workload/.test(arg.name())) return [];
  return offer(
    workloads()
      .filter((w) => !kind || w.kind === kind)
      .map((w) => w.name)
      .filter((n) => !at.positionals.includes(n)),
  );
}

function position(program: Command, before: readonly string[]): Position {
  const at: Position = { cmd: program, positionals: [], foreign: false };
  for (const word of before) {
    if (at.awaiting) {
      at.awaiting = undefined;
    } else if (at.foreign) {
      at.positionals.push(word);
    } else if (word === '--') {
      at.foreign = true;
    } else if (word.startsWith('-') && word.length > 1) {
      const option = findOption(at.cmd, word);
      if (option?.required && !word.includes('=')) at.awaiting = option;
    } else if (at.cmd === program) {
      const sub = help.visibleCommands(program).find((c) => c.name() === word || c.aliases().includes(word));
      if (!sub) return { ...at, foreign: true };
      at.cmd = sub;
    } else {
      at.positionals.push(word);
      const arg = slot(at.cmd, at.positionals.length - 1);
      if (arg?.variadic && !/workload/.test(arg.name())) at.foreign = true;
    }
  }
  return at;
}

/** The argument a positional at `index` fills: a variadic last argument takes all the rest. */
function slot(cmd: Command, index: number): Argument | undefined {
  const args = cmd.registeredArguments;
  const last = args.at(-1);
  return args[index] ?? (last?.variadic ? last : undefined);
}

function findOption(cmd: Command, word: string): Option | undefined {
  const flag = word.split('=')[0];
  return cmd.options.find((o) => o.long === flag || o.short === flag);
}
