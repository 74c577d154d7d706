import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { adoptCommand } from './commands/adopt.js';
import { configCommand } from './commands/config.js';
import { downCommand } from './commands/down.js';
import { execCommand } from './commands/exec.js';
import { infoCommand } from './commands/info.js';
import { logsCommand } from './commands/logs.js';
import { operateCommand } from './commands/operate.js';
import type { Verb } from '../plan/operate.js';
import { imagesCommand } from './commands/images.js';
import { lsCommand } from './commands/ls.js';
import { planCommand } from './commands/plan.js';
import { portCommand } from './commands/port.js';
import { psCommand } from './commands/ps.js';
import { pullCommand } from './commands/pull.js';
import { queryCommand } from './commands/query.js';
import { runCommand } from './commands/run.js';
import { runsCommand } from './commands/runs.js';
import { statsCommand } from './commands/stats.js';
import { topCommand } from './commands/top.js';
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
    .addHelpText('after', '\nExamples:\n  pond validate\n  pond -f pond.yaml -f pond.ci.yaml validate --format json   # layered files, machine-readable problems')
    .action((o, cmd) => run(() => validateCommand(ctxFor(cmd), o)));
  program.command('config').description('print the resolved configuration (secrets hidden)').addOption(format())
    .addHelpText('after', '\nExamples:\n  pond config                 # what pond will run, defaults filled in\n  pond config --format json | jq .workloads.db')
    .action((o, cmd) => run(() => configCommand(ctxFor(cmd), o)));
  program.command('plan').description('show what up would change, without changing it').argument('[workloads...]', 'plan only these and what they depend on (default: all)').addOption(format())
    .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when something would')
    .option('--force-recreate', 'plan to replace every container').option('--no-recreate', 'never replace existing containers')
    .option('--remove-orphans', 'plan to remove containers and volumes no longer in pond.yaml')
    .option('--no-deps', 'with workloads: exactly those, not what they depend on')
    .addHelpText('after', '\nExamples:\n  pond plan                      # everything up would change\n  pond plan web --no-deps        # only web\n  pond plan --detailed-exitcode  # exit 2 when something would change (CI drift check)')
    .action((workloads: string[], o, cmd) => run(() => planCommand(ctxFor(cmd), { ...o, workloads, noDeps: o.deps === false, noRecreate: o.recreate === false })));
  program.command('up').description('create or update the stack to match pond.yaml').argument('[workloads...]', 'only these and what they depend on (default: all)').addOption(format())
    .option('--force-recreate', 'replace every container').option('--no-recreate', 'never replace existing containers')
    .option('--remove-orphans', 'remove containers and volumes no longer in pond.yaml (volumes: with --yes)')
    .option('--no-wait', 'do not wait for health checks to pass')
    .option('-w, --watch', 'keep the stack converged: re-apply on every save, restart what crashes, until Ctrl-C')
    .option('-y, --yes', 'apply steps that delete persistent data (marked !) without asking')
    .option('--down-on-exit', 'with --watch: tear the stack down when watching stops')
    .option('--wait-timeout <duration>', 'how long to wait for each workload to be ready', '120s')
    .option('--no-deps', 'with workloads: exactly those, not what they depend on')
    .addOption(lockTimeout).addOption(concurrency)
    .addHelpText('after', '\nExamples:\n  pond up                 # the whole stack\n  pond up notebook        # notebook and what it depends on\n  pond up web --no-deps   # only web\n  pond up --watch         # keep it converged while you edit')
    .action((workloads: string[], o, cmd) => {
      if (o.downOnExit && !o.watch) throw new UsageError('--down-on-exit only works with --watch: nothing was changed', 'pond up --watch --down-on-exit');
      if (o.watch && workloads.length) throw new UsageError('--watch keeps the whole project converged: nothing was changed', 'leave out the workload names, or run pond up ' + workloads.join(' ') + ' without --watch');
      const flags = {
        workloads, noDeps: o.deps === false,
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
    .addHelpText('after', '\nExamples:\n  pond down                   # containers and network; volumes and their data stay\n  pond down --volumes --yes   # everything, data included (CI teardown)')
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
    .addHelpText('after', '\nExamples:\n  pond runs nightly\n  pond runs nightly --format json')
    .action((bot: string, o, cmd) => run(() => runsCommand(ctxFor(cmd), bot, o)));
  program.command('query').description('run a query workload now (or other SQL over its inputs) and print the result').argument('<query>', 'the query workload')
    .option('--sql <sql>', 'run this SQL instead of the workload\'s, over the same inputs')
    .addOption(new Option('--format <format>', 'json, csv or arrow (default: the workload\'s)').choices(['json', 'csv', 'arrow']))
    .option('--timeout <duration>', 'kill the query after this long (default: the workload\'s timeout)')
    .option('-o, --output <file>', 'write the result to this file instead of stdout')
    .option('--explain', "print DuckDB's plan instead of running the query")
    .addHelpText('after', '\nExamples:\n  pond query daily\n  pond query daily --sql "select count(*) from sales" --format csv\n  pond query daily --format arrow -o daily.arrow')
    .action((name: string, o, cmd) => run(() => queryCommand(ctxFor(cmd), name, { ...o, ...(o.timeout && { timeoutMs: durationFlag('--timeout', o.timeout) }) })));
  const verb = (name: Verb, description: string, example: string): Command => program.command(name).description(description)
    .argument('[workloads...]', 'workloads to act on (default: every one that has a container)').addOption(format()).addOption(lockTimeout).addOption(concurrency)
    .addHelpText('after', `\nExamples:\n${example}`);
  const operate = (name: Verb) => (workloads: string[], o: Record<string, unknown>, cmd: Command) => run(() => operateCommand(ctxFor(cmd), name, workloads, {
    format: o.format as 'text' | 'json', withDependents: !!o.withDependents, stopFirst: !!o.stop, volumes: !!o.volumes, yes: !!o.yes, signal: o.signal as string | undefined,
    ...(o.timeout !== undefined && { timeoutSec: intFlag('--timeout', o.timeout as string, 0) }),
    lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout as string), concurrency: intFlag('--concurrency', o.concurrency as string),
  }));
  const dependents = '--with-dependents';
  const grace = "seconds to wait before killing (default: the workload's stop_grace_period)";
  verb('start', 'start existing stopped containers (no create, no recreate)', '  pond start db\n  pond start              # every stopped workload, dependencies first')
    .option(dependents, 'also start what depends on them').action(operate('start'));
  verb('stop', 'stop running containers, keeping them (pond start brings them back)', '  pond stop notebook\n  pond stop -t 30 db      # give it 30 s before SIGKILL\n  pond stop db --with-dependents')
    .option('-t, --timeout <seconds>', grace).option(dependents, 'also stop what depends on them, first').action(operate('stop'));
  verb('restart', 'restart containers in place (same container, same ID; pond up replaces a changed one)', '  pond restart web\n  pond restart db --with-dependents')
    .option('-t, --timeout <seconds>', grace).option(dependents, 'also restart what depends on them').action(operate('restart'));
  verb('kill', 'send a signal to running containers (default SIGKILL)', '  pond kill worker\n  pond kill -s HUP web     # e.g. reload its configuration')
    .option('-s, --signal <signal>', 'signal to send', 'SIGKILL').option(dependents, 'also signal what depends on them').action(operate('kill'));
  verb('rm', 'remove stopped workloads\' containers (pond up makes them again)', '  pond rm worker\n  pond rm --stop web       # stop it first\n  pond rm -v --yes cache   # also delete the volumes only it mounts')
    .option('-s, --stop', 'stop running containers first instead of refusing').option('-f, --force', 'accepted for compose users: pond never asks before removing a container (volumes still need --yes)')
    .option('-v, --volumes', 'also delete the named volumes only these workloads mount (asks, or --yes)').option('-y, --yes', 'delete those volumes without asking').action(operate('rm'));
  program.command('exec').description("run a command in a workload's running container and exit with its exit code")
    .argument('<workload>', 'the workload').argument('[command...]', 'the command and its arguments (options after it are its own)')
    .option('-T, --no-tty', 'no pseudo-terminal, even when stdin is one (stdout and stderr stay apart)')
    .option('-u, --user <user>', 'run as this user (name or uid[:gid])').option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-e, --env <KEY=VAL>', 'set a variable (repeatable; KEY alone passes this shell\'s value)', collect, [])
    .passThroughOptions()
    .addHelpText('after', "\nExample:\n  pond exec db psql -c 'select 1'      # a database preset: psql logs in as its user, to its database\n  echo 'select 1' | pond exec -T db psql\n  pond exec -e DEBUG=1 -w /app web sh")
    .action((workload: string, command: string[], o, cmd) => run(() => execCommand(ctxFor(cmd), workload, command, { noTty: o.tty === false, user: o.user, workdir: o.workdir, env: o.env })));
  program.command('run').description("run a one-off container of a workload (a bot: one recorded run), stream its output and exit with its exit code")
    .argument('<workload>', 'the workload').argument('[command...]', 'command to run instead of the workload\'s')
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect, [])
    .option('-u, --user <user>', 'run as this user (name or UID[:GID])').option('-w, --workdir <dir>', 'working directory inside the container')
    .option('--entrypoint <cmd>', "override the image's entrypoint ('' clears it)")
    .option('-T, --no-tty', 'no pseudo-TTY (pond never allocates one: output is streamed)')
    .option('--rm', 'remove the container when it exits (the default)').option('--no-rm', 'keep the container after it exits (down removes it)')
    .option('--service-ports', "publish the workload's ports (left out by default)").option('--no-deps', 'do not bring up the dependencies first')
    .passThroughOptions()
    .addHelpText('after', "\nExample:\n  pond run web sh -c 'ls /www'      # a one-off of web, after what web depends on is up\n  pond run --no-deps -e DEBUG=1 web env\n  pond run db psql -h db -U pond    # a client beside the database, never on its data volume\n  pond run report                   # one run of a bot, recorded in .pond/runs/report/")
    .action((workload: string, command: string[], o, cmd) => run(() => runCommand(ctxFor(cmd), workload, command, o)));
  program.command('stats').description('live CPU, memory, network and disk use of each workload, like docker stats (Ctrl-C ends it)').argument('[workloads...]', 'workloads to show (default: all)')
    .addOption(format()).option('--no-stream', 'print one sample and exit')
    .addHelpText('after', '\nExample:\n  pond stats --no-stream db web')
    .action((workloads: string[], o, cmd) => run(() => statsCommand(ctxFor(cmd), workloads, { format: o.format, noStream: o.stream === false })));
  program.command('top').description("the processes running in a workload's container").argument('<workload>', 'the workload').addOption(format())
    .addHelpText('after', '\nExample:\n  pond top db')
    .action((workload: string, o, cmd) => run(() => topCommand(ctxFor(cmd), workload, o)));
  program.command('port').description('the host address:port a container port of a workload is published on').argument('<workload>', 'the workload').argument('<port>', 'the port inside the container')
    .addOption(new Option('--protocol <protocol>', 'the port\'s protocol').choices(['tcp', 'udp']).default('tcp'))
    .addHelpText('after', '\nExample:\n  pond port db 5432        # 127.0.0.1:49153')
    .action((workload: string, port: string, o, cmd) => run(() => portCommand(ctxFor(cmd), workload, port, o)));
  program.command('images').description("the image each of the project's containers runs: repository, tag, id, size").argument('[workloads...]', 'workloads to show (default: all)').addOption(format())
    .addHelpText('after', '\nExample:\n  pond images --format json')
    .action((workloads: string[], o, cmd) => run(() => imagesCommand(ctxFor(cmd), workloads, o)));
  program.command('pull').description('pull every image the project needs (bots and queries too), all at once').argument('[workloads...]', 'only these workloads\' images')
    .option('--ignore-pull-failures', 'warn about images that cannot be pulled and exit 0').option('-q, --quiet', 'print no progress')
    .addHelpText('after', '\nExample:\n  pond pull --ignore-pull-failures')
    .action((workloads: string[], o, cmd) => run(() => pullCommand(ctxFor(cmd), workloads, o)));
  program.command('ls').description('list the pond projects on this engine with their folder and container states').addOption(format())
    .option('-a, --all', 'also projects with no running container').option('-q, --quiet', 'print project names only')
    .addHelpText('after', '\nExample:\n  pond ls -a')
    .action((o, cmd) => run(() => lsCommand(ctxFor(cmd), o)));
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
