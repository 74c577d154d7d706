import { Option } from 'commander';
import { imagesCommand } from '../commands/images.js';
import { infoCommand } from '../commands/info.js';
import { logsCommand } from '../commands/logs.js';
import { lsCommand } from '../commands/ls.js';
import { portCommand } from '../commands/port.js';
import { portForwardCommand } from '../commands/port-forward.js';
import { psCommand } from '../commands/ps.js';
import { pullCommand } from '../commands/pull.js';
import { queryCommand } from '../commands/query.js';
import { runsCommand } from '../commands/runs.js';
import { statsCommand } from '../commands/stats.js';
import { topCommand } from '../commands/top.js';
import { portFlag, uiCommand } from '../commands/ui.js';
import { durationFlag, intFlag } from '../durations.js';
import { PS_STATES } from '../ps-filter.js';
import { collect, format, progress, type Registry } from './registry.js';

/** Commands that look: state, connection info, output, resources, images, and the queries and bot runs read from the project. */
export function observeCommands({ program, run, ctxFor, concurrency }: Registry): void {
  program
    .command('ps')
    .description("list the project's containers with state, health and ports")
    .addOption(format())
    .option('--stats', 'also sample CPU and memory of running containers (takes about a second)')
    .option('-q, --quiet', 'only container ids, one a line')
    .option('-a, --all', 'accepted for compose users: stopped containers are always listed')
    .option('--status <state>', `only containers in this state (${PS_STATES.join(', ')}); repeatable`, collect, [])
    .addHelpText(
      'after',
      '\nExample:\n  pond ps --status exited      # what stopped\n  docker inspect $(pond ps -q)  # the ids, for other tools',
    )
    .action((o, cmd) => run(() => psCommand(ctxFor(cmd), o)));
  program
    .command('info')
    .description(
      "how to reach each database, notebook and service, and each container's id, pid and uptime (passwords hidden unless --reveal)",
    )
    .argument('[workload]', 'one workload')
    .addOption(format())
    .option('--reveal', 'include the password')
    .addHelpText(
      'after',
      '\nExample:\n  pond info warehouse --format json   # its URL, container id and pid, for scripts',
    )
    .action((workload: string | undefined, o, cmd) => run(() => infoCommand(ctxFor(cmd), workload, o)));
  program
    .command('logs')
    .description('print workload output')
    .argument('[workloads...]', 'workloads to show (default: all)')
    .option('-f, --follow', 'keep streaming new lines until Ctrl-C')
    .option('-n, --tail <lines>', 'only the last lines of each')
    .option('-t, --timestamps', 'show timestamps')
    .option(
      '--since <time>',
      'only lines since a time (2026-01-02T15:04:05Z) or for a duration back from now (10m, 1h30m)',
    )
    .option('--until <time>', 'only lines before a time or a duration back from now')
    .option('--no-log-prefix', 'print the lines without the "name |" prefix')
    .addHelpText(
      'after',
      '\nExample:\n  pond logs -f web            # follow one workload\n  pond logs --since 10m -n 50 # the last 50 lines of each from the past ten minutes',
    )
    .action((workloads: string[], o, cmd) =>
      run(() =>
        logsCommand(ctxFor(cmd), workloads, {
          ...o,
          tail: o.tail === undefined ? undefined : intFlag('--tail', o.tail, 0),
        }),
      ),
    );
  program
    .command('runs')
    .description("list a bot's runs, newest first (from .pond/runs/BOT/)")
    .argument('<bot>', 'the bot')
    .addOption(format())
    .addHelpText('after', '\nExamples:\n  pond runs nightly\n  pond runs nightly --format json')
    .action((bot: string, o, cmd) => run(() => runsCommand(ctxFor(cmd), bot, o)));
  program
    .command('query')
    .description('run a query workload now (or other SQL over its inputs) and print the result')
    .argument('<query>', 'the query workload')
    .option('--sql <sql>', "run this SQL instead of the workload's, over the same inputs")
    .addOption(
      new Option('--format <format>', "json, csv or arrow (default: the workload's)").choices(['json', 'csv', 'arrow']),
    )
    .option('--timeout <duration>', "kill the query after this long (default: the workload's timeout)")
    .option('-o, --output <file>', 'write the result to this file instead of stdout')
    .option('--explain', "print DuckDB's plan instead of running the query")
    .option('--warm', "run it in the query's warm runner (kept running, DuckDB loaded; as warm: true does)")
    .addHelpText(
      'after',
      '\nExamples:\n  pond query daily\n  pond query daily --sql "select count(*) from sales" --format csv\n  pond query daily --format arrow -o daily.arrow\n  pond query daily --warm --sql "select 42"   # the runner stays up for the next query; pond down removes it',
    )
    .action((name: string, o, cmd) =>
      run(() =>
        queryCommand(ctxFor(cmd), name, {
          ...o,
          ...(o.timeout && { timeoutMs: durationFlag('--timeout', o.timeout) }),
        }),
      ),
    );
  program
    .command('stats')
    .description('live CPU, memory, network and disk use of each workload, like docker stats (Ctrl-C ends it)')
    .argument('[workloads...]', 'workloads to show (default: all)')
    .addOption(format())
    .option('--no-stream', 'print one sample and exit')
    .addHelpText('after', '\nExample:\n  pond stats --no-stream db web')
    .action((workloads: string[], o, cmd) =>
      run(() => statsCommand(ctxFor(cmd), workloads, { format: o.format, noStream: o.stream === false })),
    );
  program
    .command('top')
    .description("the processes running in a workload's container")
    .argument('<workload>', 'the workload')
    .addOption(format())
    .addHelpText('after', '\nExample:\n  pond top db')
    .action((workload: string, o, cmd) => run(() => topCommand(ctxFor(cmd), workload, o)));
  program
    .command('port')
    .description('the host address:port a container port of a workload is published on')
    .argument('<workload>', 'the workload')
    .argument('<port>', 'the port inside the container')
    .addOption(new Option('--protocol <protocol>', "the port's protocol").choices(['tcp', 'udp']).default('tcp'))
    .addHelpText('after', '\nExample:\n  pond port db 5432        # 127.0.0.1:49153')
    .action((workload: string, port: string, o, cmd) => run(() => portCommand(ctxFor(cmd), workload, port, o)));
  program
    .command('port-forward')
    .description(
      "reach a workload's private port from 127.0.0.1 on a cluster, where it is not published (Ctrl-C ends it)",
    )
    .argument('<workload>', 'the workload')
    .argument('<port>', 'the port it listens on')
    .option(
      '--local-port <port>',
      "the port on 127.0.0.1 (default: the host port pond.yaml gives it, so pond info's URL works; else the same port, or a free one)",
    )
    .addOption(format())
    .addHelpText('after', '\nExample:\n  pond --engine swarm port-forward db 5432')
    .action((workload: string, port: string, o, cmd) => run(() => portForwardCommand(ctxFor(cmd), workload, port, o)));
  program
    .command('images')
    .description("the image each of the project's containers runs: repository, tag, id, size")
    .argument('[workloads...]', 'workloads to show (default: all)')
    .addOption(format())
    .addHelpText('after', '\nExample:\n  pond images --format json')
    .action((workloads: string[], o, cmd) => run(() => imagesCommand(ctxFor(cmd), workloads, o)));
  program
    .command('pull')
    .description('pull every image the project needs (bots and queries too), all at once')
    .argument('[workloads...]', "only these workloads' images")
    .option('--ignore-pull-failures', 'warn about images that cannot be pulled and exit 0')
    .option('-q, --quiet', 'print no progress')
    .addOption(progress())
    .addHelpText('after', '\nExample:\n  pond pull --ignore-pull-failures')
    .action((workloads: string[], o, cmd) => run(() => pullCommand(ctxFor(cmd), workloads, o)));
  program
    .command('ui')
    .description('a live dashboard of the project in the browser, on 127.0.0.1 (Ctrl-C stops it)')
    .addOption(format())
    .option(
      '--port <port>',
      'the port to serve on (default: derived from the project name; the next free one if taken)',
    )
    .option('--no-open', 'do not open a browser')
    .addOption(concurrency)
    .addHelpText(
      'after',
      '\nExamples:\n  pond ui\n  pond ui --no-open --format json   # {"url": ..., "port": ...} on one line, for scripts',
    )
    .action((o, cmd) =>
      run(() =>
        uiCommand(ctxFor(cmd), {
          format: o.format,
          open: o.open !== false,
          concurrency: intFlag('--concurrency', o.concurrency),
          ...(o.port !== undefined && { port: portFlag(o.port) }),
        }),
      ),
    );
  program
    .command('ls')
    .description('list the pond projects on this engine with their folder and container states')
    .addOption(format())
    .option('-a, --all', 'also projects with no running container')
    .option('-q, --quiet', 'print project names only')
    .addHelpText('after', '\nExample:\n  pond ls -a')
    .action((o, cmd) => run(() => lsCommand(ctxFor(cmd), o)));
}
