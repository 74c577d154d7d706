import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { adoptCommand } from './commands/adopt.js';
import { configCommand } from './commands/config.js';
import { downCommand } from './commands/down.js';
import { infoCommand } from './commands/info.js';
import { logsCommand } from './commands/logs.js';
import { planCommand } from './commands/plan.js';
import { psCommand } from './commands/ps.js';
import { queryCommand } from './commands/query.js';
import { runCommand } from './commands/run.js';
import { runsCommand } from './commands/runs.js';
import { upCommand } from './commands/up.js';
import { validateCommand } from './commands/validate.js';
import { watchCommand } from './commands/watch.js';
import { Context } from './context.js';
import { durationFlag, intFlag } from './durations.js';
import { reportError } from './exit.js';
import { createOutput } from './output.js';
import { installSignals } from './signals.js';
import { PS_STATES } from './ps-filter.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const format = (): Option => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

function build(run: (fn: () => Promise<number>) => Promise<void>): Command {
  const program = new Command('pond')
    .description('Declarative orchestrator for the containers a data team runs')
    .version('0.1.0')
    .option('-f, --file <file>', 'pond.yaml to use; repeat to layer overrides (later wins)', collect, [])
    .option('-p, --project-name <name>', 'project name (default: name: in the file, else the folder name)')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .exitOverride();
  const ctxFor = (cmd: Command): Context => new Context(globalsOf(program, cmd));
  const lockTimeout = new Option('--lock-timeout <duration>', 'wait this long for another pond on this project').default('0s');
  const concurrency = new Option('--concurrency <n>', 'engine calls in flight at once').default('16');

  program.command('validate').description('check pond.yaml without touching the engine').addOption(format())
    .action((o, cmd) => run(() => validateCommand(ctxFor(cmd), o)));
  program.command('config').description('print the resolved configuration (secrets hidden)').addOption(format())
    .action((o, cmd) => run(() => configCommand(ctxFor(cmd), o)));
  program.command('plan').description('show what up would change, without changing it').addOption(format())
    .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when something would')
    .option('--force-recreate', 'plan to replace every container').option('--no-recreate', 'never replace existing containers')
    .option('--remove-orphans', 'plan to remove containers and volumes no longer in pond.yaml')
    .action((o, cmd) => run(() => planCommand(ctxFor(cmd), { ...o, noRecreate: o.recreate === false })));
  program.command('up').description('create or update the stack to match pond.yaml').addOption(format())
    .option('--force-recreate', 'replace every container').option('--no-recreate', 'never replace existing containers')
    .option('--remove-orphans', 'remove containers and volumes no longer in pond.yaml (volumes: with --yes)')
    .option('--no-wait', 'do not wait for health checks to pass')
    .option('-w, --watch', 'keep the stack converged: re-apply on every save, restart what crashes, until Ctrl-C')
    .option('-y, --yes', 'apply steps that delete persistent data (marked !) without asking')
    .option('--down-on-exit', 'with --watch: tear the stack down when watching stops')
    .option('--wait-timeout <duration>', 'how long to wait for each workload to be ready', '120s')
    .addOption(lockTimeout).addOption(concurrency)
    .action((o, cmd) => {
      const flags = {
        format: o.format, forceRecreate: o.forceRecreate, noRecreate: o.recreate === false, removeOrphans: o.removeOrphans, wait: o.wait,
        waitTimeoutMs: durationFlag('--wait-timeout', o.waitTimeout), lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout),
        concurrency: intFlag('--concurrency', o.concurrency), yes: !!o.yes,
      };
      if (!o.watch) return run(() => upCommand(ctxFor(cmd), flags));
      const env = process.env;
      return run(() => watchCommand(ctxFor(cmd), {
        ...flags, yes: !!o.yes, downOnExit: !!o.downOnExit,
        debounceMs: durationFlag('POND_WATCH_DEBOUNCE', env.POND_WATCH_DEBOUNCE ?? '150ms'), resyncMs: durationFlag('POND_WATCH_RESYNC', env.POND_WATCH_RESYNC ?? '1s'),
      }));
    });
  program.command('down').description('remove the stack; named volumes are kept unless --volumes')
    .option('-v, --volumes', 'also delete named volumes and their data').option('-y, --yes', 'do not ask for confirmation')
    .option('--remove-orphans', 'accepted for compose users: down always removes every container of the project')
    .addOption(lockTimeout).addOption(concurrency)
    .action((o, cmd) => run(() => downCommand(ctxFor(cmd), { volumes: o.volumes, yes: o.yes, lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout), concurrency: intFlag('--concurrency', o.concurrency) })));
  program.command('adopt').description("take over this project's objects made by another checkout (moved without .pond/, re-cloned or deleted)")
    .option('-y, --yes', 'adopt even though that checkout still exists').addOption(lockTimeout)
    .addHelpText('after', '\nExample:\n  mv ~/old/app ~/new/app   # keeps .pond/: nothing to do\n  git clone ... app && cd app && pond adopt   # a fresh clone takes over the running stack')
    .action((o, cmd) => run(() => adoptCommand(ctxFor(cmd), { yes: o.yes, lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout) })));
  program.command('ps').description("list the project's containers with state, health and ports").addOption(format())
    .option('--stats', 'also sample CPU and memory of running containers (takes about a second)')
    .option('-q, --quiet', 'only container ids, one a line').option('-a, --all', 'accepted for compose users: stopped containers are always listed')
    .option('--status <state>', `only containers in this state (${PS_STATES.join(', ')}); repeatable`, collect, [])
    .addHelpText('after', '\nExample:\n  pond ps --status exited      # what stopped\n  docker inspect $(pond ps -q)  # the ids, for other tools')
    .action((o, cmd) => run(() => psCommand(ctxFor(cmd), o)));
  program.command('info').description('how to reach each database, notebook and service, and each container\'s id, pid and uptime (passwords hidden unless --reveal)').argument('[workload]', 'one workload')
    .addOption(format()).option('--reveal', 'include the password')
    .addHelpText('after', '\nExample:\n  pond info warehouse --format json   # its URL, container id and pid, for scripts')
    .action((workload: string | undefined, o, cmd) => run(() => infoCommand(ctxFor(cmd), workload, o)));
  program.command('logs').description('print workload output').argument('[workloads...]', 'workloads to show (default: all)')
    .option('-f, --follow', 'keep streaming new lines until Ctrl-C').option('-n, --tail <lines>', 'only the last lines of each').option('-t, --timestamps', 'show timestamps')
    .option('--since <time>', 'only lines since a time (2026-01-02T15:04:05Z) or for a duration back from now (10m, 1h30m)')
    .option('--until <time>', 'only lines before a time or a duration back from now')
    .option('--no-log-prefix', 'print the lines without the "name |" prefix')
    .addHelpText('after', '\nExample:\n  pond logs -f web            # follow one workload\n  pond logs --since 10m -n 50 # the last 50 lines of each from the past ten minutes')
    .action((workloads: string[], o, cmd) => run(() => logsCommand(ctxFor(cmd), workloads, { ...o, tail: o.tail === undefined ? undefined : intFlag('--tail', o.tail, 0) })));
  program.command('runs').description("list a bot's runs, newest first (from .pond/runs/BOT/)").argument('<bot>', 'the bot').addOption(format())
    .action((bot: string, o, cmd) => run(() => runsCommand(ctxFor(cmd), bot, o)));
  program.command('run').description("run a bot once now, stream its output and exit with the bot's exit code").argument('<bot>', 'the bot')
    .action((bot: string, _o, cmd) => run(() => runCommand(ctxFor(cmd), bot)));
  program.command('query').description('run a query workload now (or other SQL over its inputs) and print the result').argument('<query>', 'the query workload')
    .option('--sql <sql>', 'run this SQL instead of the workload\'s, over the same inputs')
    .addOption(new Option('--format <format>', 'json, csv or arrow (default: the workload\'s)').choices(['json', 'csv', 'arrow']))
    .option('--timeout <duration>', 'kill the query after this long (default: the workload\'s timeout)')
    .option('-o, --output <file>', 'write the result to this file instead of stdout')
    .option('--explain', "print DuckDB's plan instead of running the query")
    .action((name: string, o, cmd) => run(() => queryCommand(ctxFor(cmd), name, { ...o, ...(o.timeout && { timeoutMs: durationFlag('--timeout', o.timeout) }) })));
  for (const cmd of program.commands) inheritGlobals(cmd);
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
  if (!longs.has('--file')) cmd.addOption(new Option(shorts.has('-f') ? '--file <file>' : '-f, --file <file>', 'pond.yaml to use (also before the command)').argParser(collect).default([]).hideHelp());
  if (!longs.has('--project-name')) cmd.addOption(new Option(shorts.has('-p') ? '--project-name <name>' : '-p, --project-name <name>', 'project name (also before the command)').hideHelp());
}

function globalsOf(program: Command, cmd: Command): { file: string[]; projectName?: string } {
  const g = program.opts();
  const own = cmd.opts();
  return { file: [...(g.file ?? []), ...(own.file ?? [])], projectName: own.projectName ?? g.projectName };
}

/** `--format json` anywhere: failures then also print one JSON document on stdout for scripts. */
function wantsJson(argv: string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** Parses argv, runs one command, and returns the exit code (DESIGN §3). */
export async function main(argv: string[]): Promise<number> {
  const out = createOutput();
  installSignals((line) => out.err(line));
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
