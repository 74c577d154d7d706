import type { Command } from 'commander';
import type { Verb } from '../../plan/operate.js';
import { execCommand } from '../commands/exec.js';
import { operateCommand } from '../commands/operate.js';
import { runCommand } from '../commands/run.js';
import { durationFlag, intFlag } from '../durations.js';
import { collect, format, progress, type Registry } from './registry.js';

/** Commands that act on one workload at a time: its lifecycle, a command inside it, a one-off run of it. */
export function workloadCommands({ program, run, ctxFor, lockTimeout, concurrency }: Registry): void {
  const verb = (name: Verb, description: string, example: string): Command =>
    program
      .command(name)
      .description(description)
      .argument('[workloads...]', 'workloads to act on (default: every one that has a container)')
      .addOption(format())
      .addOption(progress())
      .addOption(lockTimeout)
      .addOption(concurrency)
      .addHelpText('after', `\nExamples:\n${example}`);
  const operate = (name: Verb) => (workloads: string[], o: Record<string, unknown>, cmd: Command) =>
    run(() =>
      operateCommand(ctxFor(cmd), name, workloads, {
        format: o.format as 'text' | 'json',
        withDependents: !!o.withDependents,
        stopFirst: !!o.stop,
        volumes: !!o.volumes,
        yes: !!o.yes,
        signal: o.signal as string | undefined,
        ...(o.timeout !== undefined && { timeoutSec: intFlag('--timeout', o.timeout as string, 0) }),
        lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout as string),
        concurrency: intFlag('--concurrency', o.concurrency as string),
      }),
    );
  const dependents = '--with-dependents';
  const grace = "seconds to wait before killing (default: the workload's stop_grace_period)";
  verb(
    'start',
    'start existing stopped containers (no create, no recreate)',
    '  pond start db\n  pond start              # every stopped workload, dependencies first',
  )
    .option(dependents, 'also start what depends on them')
    .action(operate('start'));
  verb(
    'stop',
    'stop running containers, keeping them (pond start brings them back)',
    '  pond stop notebook\n  pond stop -t 30 db      # give it 30 s before SIGKILL\n  pond stop db --with-dependents',
  )
    .option('-t, --timeout <seconds>', grace)
    .option(dependents, 'also stop what depends on them, first')
    .action(operate('stop'));
  verb(
    'restart',
    'restart containers in place (same container, same ID; pond up replaces a changed one)',
    '  pond restart web\n  pond restart db --with-dependents',
  )
    .option('-t, --timeout <seconds>', grace)
    .option(dependents, 'also restart what depends on them')
    .action(operate('restart'));
  verb(
    'kill',
    'send a signal to running containers (default SIGKILL)',
    '  pond kill worker\n  pond kill -s HUP web     # e.g. reload its configuration',
  )
    .option('-s, --signal <signal>', 'signal to send', 'SIGKILL')
    .option(dependents, 'also signal what depends on them')
    .action(operate('kill'));
  verb(
    'rm',
    "remove stopped workloads' containers (pond up makes them again)",
    '  pond rm worker\n  pond rm --stop web       # stop it first\n  pond rm -v --yes cache   # also delete the volumes only it mounts',
  )
    .option('-s, --stop', 'stop running containers first instead of refusing')
    .option(
      '-f, --force',
      'accepted for compose users: pond never asks before removing a container (volumes still need --yes)',
    )
    .option('-v, --volumes', 'also delete the named volumes only these workloads mount (asks, or --yes)')
    .option('-y, --yes', 'delete those volumes without asking')
    .action(operate('rm'));
  program
    .command('exec')
    .description("run a command in a workload's running container and exit with its exit code")
    .argument('<workload>', 'the workload')
    .argument('[command...]', 'the command and its arguments (options after it are its own)')
    .option('-T, --no-tty', 'no pseudo-terminal, even when stdin is one (stdout and stderr stay apart)')
    .option('-u, --user <user>', 'run as this user (name or uid[:gid])')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-e, --env <KEY=VAL>', "set a variable (repeatable; KEY alone passes this shell's value)", collect, [])
    .passThroughOptions()
    .addHelpText(
      'after',
      "\nExample:\n  pond exec db psql -c 'select 1'      # a database preset: psql logs in as its user, to its database\n  echo 'select 1' | pond exec -T db psql\n  pond exec -e DEBUG=1 -w /app web sh",
    )
    .action((workload: string, command: string[], o, cmd) =>
      run(() =>
        execCommand(ctxFor(cmd), workload, command, {
          noTty: o.tty === false,
          user: o.user,
          workdir: o.workdir,
          env: o.env,
        }),
      ),
    );
  program
    .command('run')
    .description(
      'run a one-off container of a workload (a bot: one recorded run), stream its output and exit with its exit code',
    )
    .argument('<workload>', 'the workload')
    .argument('[command...]', "command to run instead of the workload's")
    .option('-e, --env <KEY=VALUE>', 'set an environment variable (repeatable)', collect, [])
    .option('-u, --user <user>', 'run as this user (name or UID[:GID])')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('--entrypoint <cmd>', "override the image's entrypoint ('' clears it)")
    .option('-T, --no-tty', 'no pseudo-TTY even when stdin is a terminal (piped stdin is still forwarded)')
    .option('--rm', 'remove the container when it exits (the default)')
    .option('--no-rm', 'keep the container after it exits (down removes it)')
    .option('--service-ports', "publish the workload's ports (left out by default)")
    .option('--no-deps', 'do not bring up the dependencies first')
    .passThroughOptions()
    .addHelpText(
      'after',
      "\nExample:\n  pond run web sh -c 'ls /www'      # a one-off of web, after what web depends on is up\n  pond run web sh                   # a shell on a TTY; echo x | pond run web cat forwards stdin\n  pond run --no-deps -e DEBUG=1 web env\n  pond run db psql -h db -U pond    # a client beside the database, never on its data volume\n  pond run report                   # one run of a bot, recorded in .pond/runs/report/",
    )
    .action((workload: string, command: string[], o, cmd) => run(() => runCommand(ctxFor(cmd), workload, command, o)));
}
