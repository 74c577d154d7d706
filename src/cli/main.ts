import { Command, CommanderError, Option } from 'commander';
import { keepBetweenRuns, type KeptSite } from '../config/kept.js';
// bin/pond asks it after a run whether that run's compiled code is the one to keep (compile-cache.ts).
export { foundAllKept } from '../config/kept.js';
import { BACKEND_NAMES } from '../engine/capabilities.js';
import { UsageError } from '../errors.js';
import { POND_VERSION } from '../version.js';
import { completeCommand } from './commands/complete.js';
import { COMPLETE_COMMAND } from './completion-scripts.js';
import { Context, type GlobalOptions } from './context.js';
import { HELP_AFTER } from './help-text.js';
import { reportError } from './exit.js';
import { createOutput } from './output.js';
import { observeCommands } from './program/observe.js';
import { projectCommands } from './program/project.js';
import { collect, type Registry } from './program/registry.js';
import { shellCommands } from './program/shell.js';
import { workloadCommands } from './program/workload.js';
import { installSignals } from './signals.js';
import { releaseHeldLocksNow } from '../lock/lock.js';

/**
 * The whole command tree; commands run through `run`. Completion reads it too, so a new command completes
 * with no edit. Every command takes the global options after its name as well (inheritGlobals); `whole`
 * gives each command those options now, as completion wants, else only the command that runs is given
 * them as it is dispatched: 7 options on each of 30 commands were a third of the tree built on every start.
 */
export function build(run: Registry['run'], whole = false): Command {
  const program = new Command('pond')
    .description('Declarative orchestrator for the containers a data team runs')
    .version(POND_VERSION)
    .option(
      '-f, --file <file>',
      'pond.yaml to use ("-": stdin); repeat to layer overrides (later wins); default: POND_FILE, else ./pond.yaml',
      collect,
      [],
    )
    .option(
      '-p, --project-name <name>',
      'project name (default: POND_PROJECT_NAME, else name: in the file, else the folder name)',
    )
    .option(
      '--project-directory <dir>',
      'the project folder: where pond.yaml is looked for and relative paths resolve from',
    )
    .option(
      '--env-file <file>',
      'read variables from this file instead of .env; repeat for more (later wins)',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--engine <name>',
        'the backend: docker (default) or swarm; default: POND_ENGINE, else engine: in the file, else docker',
      ).choices(BACKEND_NAMES),
    )
    .option(
      '--registry <host>',
      'where a cluster pushes locally built images, host[:port][/prefix] (default: registry: in the file)',
    )
    .option('--no-color', 'no colour and no live redraw (like NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .exitOverride();
  const ctxFor = (cmd: Command): Context => new Context(globalsOf(program, cmd));
  const lockTimeout = new Option(
    '--lock-timeout <duration>',
    'wait this long for another pond on this project',
  ).default('0s');
  const concurrency = new Option('--concurrency <n>', 'engine calls in flight at once').default('16');
  const registry: Registry = { program, run, ctxFor, lockTimeout, concurrency };
  projectCommands(registry);
  observeCommands(registry);
  workloadCommands(registry);
  shellCommands(registry);
  if (whole) for (const cmd of program.commands) inheritGlobals(cmd);
  else program.hook('preSubcommand', (_, cmd) => inheritGlobals(cmd));
  program.addHelpText('after', HELP_AFTER);
  return program;
}

/**
 * `-f` and `-p` work before the subcommand (`pond -f a.yaml up`) and after it (`pond up -f a.yaml`),
 * except where the subcommand has a short option of its own letter: there its own wins (`pond logs -f`
 * follows, like `docker compose logs -f`), and the global one goes before the subcommand.
 */
function inheritGlobals(cmd: Command): void {
  const shorts = new Set(cmd.options.map((o) => o.short));
  const longs = new Set(cmd.options.map((o) => o.long));
  if (!longs.has('--file'))
    cmd.addOption(
      new Option(shorts.has('-f') ? '--file <file>' : '-f, --file <file>', 'pond.yaml to use (also before the command)')
        .argParser(collect)
        .default([])
        .hideHelp(),
    );
  if (!longs.has('--project-name'))
    cmd.addOption(
      new Option(
        shorts.has('-p') ? '--project-name <name>' : '-p, --project-name <name>',
        'project name (also before the command)',
      ).hideHelp(),
    );
  cmd.addOption(new Option('--project-directory <dir>', 'the project folder (also before the command)').hideHelp());
  cmd.addOption(
    new Option('--env-file <file>', 'env file (also before the command)').argParser(collect).default([]).hideHelp(),
  );
  cmd.addOption(
    new Option('--engine <name>', 'the backend (also before the command)').choices(BACKEND_NAMES).hideHelp(),
  );
  cmd.addOption(new Option('--registry <host>', 'the image registry (also before the command)').hideHelp());
  cmd.addOption(new Option('--no-color', 'no colour (also before the command)').hideHelp());
}

function globalsOf(program: Command, cmd: Command): GlobalOptions {
  const g = program.opts();
  const own = cmd.opts();
  return {
    file: [...(g.file ?? []), ...(own.file ?? [])],
    projectName: own.projectName ?? g.projectName,
    projectDirectory: own.projectDirectory ?? g.projectDirectory,
    envFile: [...(g.envFile ?? []), ...(own.envFile ?? [])],
    engine: own.engine ?? g.engine,
    registry: own.registry ?? g.registry,
    noColor: g.color === false || own.color === false,
    progress: own.quiet === true && own.progress === 'auto' ? 'quiet' : own.progress,
  };
}

/** `--format json` anywhere: failures then also print one JSON document on stdout for scripts. */
function wantsJson(argv: string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

let lockExitHook = false;

/** A process that exits at once (a second stop signal) still gives its project locks back. */
function releaseLocksOnExit(): void {
  if (lockExitHook) return;
  lockExitHook = true;
  process.once('exit', releaseHeldLocksNow);
}

/** What bin/pond tells the CLI about the process: where this build may keep what it learnt of config files (config/kept.ts). */
export interface MainOptions {
  kept?: KeptSite;
}

/** Parses argv, runs one command, and returns the exit code (DESIGN §3). */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  keepBetweenRuns(options.kept);
  if (argv[0] === COMPLETE_COMMAND)
    return completeCommand(
      build(async () => undefined, true),
      argv.slice(1),
      process.cwd(),
    );
  const out = createOutput();
  installSignals((line) => out.err(line));
  releaseLocksOnExit();
  let code = 0;
  const json = wantsJson(argv);
  const run = async (fn: () => Promise<number>): Promise<void> => {
    try {
      code = await fn();
    } catch (e) {
      code = reportError(out, e, process.cwd(), json);
    }
  };
  try {
    await build(run).parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 3;
    return reportError(out, e instanceof Error ? e : new UsageError(String(e)), process.cwd());
  }
  return code;
}
