import { Option } from 'commander';
import { UsageError } from '../../errors.js';
import { adoptCommand } from '../commands/adopt.js';
import { configCommand } from '../commands/config.js';
import { downCommand } from '../commands/down.js';
import { exportCommand } from '../commands/export.js';
import { graphCommand } from '../commands/graph.js';
import { importCommand } from '../commands/import.js';
import { planCommand } from '../commands/plan.js';
import { upCommand } from '../commands/up.js';
import { validateCommand } from '../commands/validate.js';
import { watchCommand } from '../commands/watch.js';
import { durationFlag, intFlag } from '../durations.js';
import { format, progress, type Registry } from './registry.js';

/** Commands on the whole project: check it, plan it, bring it up or down, adopt it. */
export function projectCommands({ program, run, ctxFor, lockTimeout, concurrency }: Registry): void {
  program
    .command('validate')
    .description('check pond.yaml without touching the engine')
    .addOption(format())
    .addHelpText(
      'after',
      '\nExamples:\n  pond validate\n  pond -f pond.yaml -f pond.ci.yaml validate --format json   # layered files, machine-readable problems',
    )
    .action((o, cmd) => run(() => validateCommand(ctxFor(cmd), o)));
  program
    .command('config')
    .description('print the resolved configuration (secrets hidden)')
    .addOption(format())
    .addHelpText(
      'after',
      '\nExamples:\n  pond config                 # what pond will run, defaults filled in\n  pond config --format json | jq .workloads.db',
    )
    .action((o, cmd) => run(() => configCommand(ctxFor(cmd), o)));
  program
    .command('graph')
    .description(
      'print the dependency graph: each workload with its kind, an arrow from each dependency to what waits for it, labelled with the condition',
    )
    .addOption(new Option('--format <format>', 'dot (Graphviz) or mermaid').choices(['dot', 'mermaid']).default('dot'))
    .addHelpText(
      'after',
      '\nExamples:\n  pond graph | dot -Tsvg > graph.svg\n  pond graph --format mermaid   # paste into a ```mermaid block of a README',
    )
    .action((o, cmd) => run(() => graphCommand(ctxFor(cmd), o)));
  program
    .command('plan')
    .description('show what up would change, without changing it')
    .argument('[workloads...]', 'plan only these and what they depend on (default: all)')
    .addOption(format())
    .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when something would')
    .option('--force-recreate', 'plan to replace every container')
    .option('--no-recreate', 'never replace existing containers')
    .option('--remove-orphans', 'plan to remove containers and volumes no longer in pond.yaml')
    .option('--no-deps', 'with workloads: exactly those, not what they depend on')
    .addHelpText(
      'after',
      '\nExamples:\n  pond plan                      # everything up would change\n  pond plan web --no-deps        # only web\n  pond plan --detailed-exitcode  # exit 2 when something would change (CI drift check)',
    )
    .action((workloads: string[], o, cmd) =>
      run(() =>
        planCommand(ctxFor(cmd), { ...o, workloads, noDeps: o.deps === false, noRecreate: o.recreate === false }),
      ),
    );
  program
    .command('up')
    .description('create or update the stack to match pond.yaml')
    .argument('[workloads...]', 'only these and what they depend on (default: all)')
    .addOption(format())
    .option('--force-recreate', 'replace every container')
    .option('--no-recreate', 'never replace existing containers')
    .option('--remove-orphans', 'remove containers and volumes no longer in pond.yaml (volumes: with --yes)')
    .option('--no-wait', 'do not wait for health checks to pass')
    .option('-w, --watch', 'keep the stack converged: re-apply on every save, restart what crashes, until Ctrl-C')
    .option('-y, --yes', 'apply steps that delete persistent data (marked !) without asking')
    .option('--down-on-exit', 'with --watch: tear the stack down when watching stops')
    .option('--ui', 'with --watch: serve the live dashboard of pond ui beside it')
    .option('--wait-timeout <duration>', 'how long to wait for each workload to be ready', '120s')
    .option('--no-deps', 'with workloads: exactly those, not what they depend on')
    .addOption(progress())
    .option('-q, --quiet', 'print nothing but errors (--progress quiet)')
    .addOption(lockTimeout)
    .addOption(concurrency)
    .addHelpText(
      'after',
      '\nExamples:\n  pond up --progress json 2>events.ndjson   # one JSON event a line, for tools\n  pond up                 # the whole stack\n  pond up notebook        # notebook and what it depends on\n  pond up web --no-deps   # only web\n  pond up --watch         # keep it converged while you edit',
    )
    .action((workloads: string[], o, cmd) => {
      if (o.ui && !o.watch)
        throw new UsageError(
          '--ui only works with --watch: nothing was changed',
          'pond up --watch --ui, or pond ui beside pond up',
        );
      if (o.downOnExit && !o.watch)
        throw new UsageError(
          '--down-on-exit only works with --watch: nothing was changed',
          'pond up --watch --down-on-exit',
        );
      if (o.watch && ctxFor(cmd).readsStdin())
        throw new UsageError(
          '--watch re-reads pond.yaml on every save: it cannot watch stdin (-f -)',
          'pass the file itself: pond -f pond.yaml up --watch',
        );
      if (o.watch && workloads.length)
        throw new UsageError(
          '--watch keeps the whole project converged: nothing was changed',
          'leave out the workload names, or run pond up ' + workloads.join(' ') + ' without --watch',
        );
      const flags = {
        workloads,
        noDeps: o.deps === false,
        format: o.format,
        forceRecreate: o.forceRecreate,
        noRecreate: o.recreate === false,
        removeOrphans: o.removeOrphans,
        wait: o.wait,
        waitTimeoutMs: durationFlag('--wait-timeout', o.waitTimeout),
        lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout),
        concurrency: intFlag('--concurrency', o.concurrency),
        yes: !!o.yes,
      };
      if (!o.watch) return run(() => upCommand(ctxFor(cmd), flags));
      const env = process.env;
      return run(() =>
        watchCommand(ctxFor(cmd), {
          ...flags,
          yes: !!o.yes,
          downOnExit: !!o.downOnExit,
          ui: !!o.ui,
          debounceMs: durationFlag('POND_WATCH_DEBOUNCE', env.POND_WATCH_DEBOUNCE ?? '150ms'),
          resyncMs: durationFlag('POND_WATCH_RESYNC', env.POND_WATCH_RESYNC ?? '1s'),
        }),
      );
    });
  program
    .command('down')
    .description('remove the stack; named volumes are kept unless --volumes')
    .option('-v, --volumes', 'also delete named volumes and their data')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--remove-orphans', 'accepted for compose users: down always removes every container of the project')
    .addHelpText(
      'after',
      '\nExamples:\n  pond down                   # containers and network; volumes and their data stay\n  pond down --volumes --yes   # everything, data included (CI teardown)',
    )
    .addOption(progress())
    .option('-q, --quiet', 'print nothing but errors (--progress quiet)')
    .addOption(lockTimeout)
    .addOption(concurrency)
    .action((o, cmd) =>
      run(() =>
        downCommand(ctxFor(cmd), {
          volumes: o.volumes,
          yes: o.yes,
          lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout),
          concurrency: intFlag('--concurrency', o.concurrency),
        }),
      ),
    );
  program
    .command('adopt')
    .description(
      "take over this project's objects made by another checkout (moved without .pond/, re-cloned or deleted)",
    )
    .option('-y, --yes', 'adopt even though that checkout still exists')
    .addOption(lockTimeout)
    .addHelpText(
      'after',
      '\nExample:\n  mv ~/old/app ~/new/app   # keeps .pond/: nothing to do\n  git clone ... app && cd app && pond adopt   # a fresh clone takes over the running stack',
    )
    .action((o, cmd) =>
      run(() =>
        adoptCommand(ctxFor(cmd), { yes: o.yes, lockTimeoutMs: durationFlag('--lock-timeout', o.lockTimeout) }),
      ),
    );
  program
    .command('import')
    .description('write a pond.yaml equivalent to a Docker Compose file (what cannot be carried over is a comment)')
    .argument(
      '[files...]',
      'Compose files, later ones overriding (default: compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml here)',
    )
    .option('-o, --output <file>', 'where to write (default: pond.yaml beside the first file; - for stdout)')
    .option('--force', 'overwrite an existing output file')
    .addHelpText(
      'after',
      '\nExamples:\n  pond import                          # ./compose.yaml → ./pond.yaml\n  pond import docker-compose.yml -o -  # print it instead',
    )
    .action((files: string[], o, cmd) =>
      run(() => importCommand(ctxFor(cmd), { files, output: o.output, force: o.force })),
    );
  program
    .command('export')
    .description('write the project as Kubernetes manifests or a Compose file (nothing is touched)')
    .addOption(
      new Option('--format <format>', 'kube (Kubernetes manifests) or compose')
        .choices(['kube', 'compose'])
        .default('kube'),
    )
    .option('-o, --output <file>', 'where to write (default: stdout)')
    .option('--include-secrets', 'write secret values into the output (base64 in Secrets; in clear in Compose)')
    .addHelpText(
      'after',
      '\nExamples:\n  pond export --format kube | kubectl apply -f -   # create the Secrets it names first\n  pond export --format compose -o compose.yaml',
    )
    .action((o, cmd) =>
      run(() => exportCommand(ctxFor(cmd), { format: o.format, output: o.output, includeSecrets: o.includeSecrets })),
    );
}
