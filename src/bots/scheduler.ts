import type { Engine } from '../engine/types.js';
import type { Project } from '../pipeline.js';
import { firesBetween, nextFireMs } from '../workloads/bot/schedule.js';
import { decide, liveRuns } from './concurrency.js';
import { runBot, type StartedRun } from './run.js';
import { scheduledBots, short } from './schedule-view.js';
import type { Trigger } from './store.js';

/** Where the scheduler reports each run and skip: progress lines (cli/output.ts's Output is one). */
export interface BotLog {
  log(line: string): void;
}

export interface SchedulerDeps {
  engine: Engine;
  out: BotLog;
  /** The project as watch mode last read it: schedules follow every valid save. */
  project: () => Project;
  now?: () => Date;
}

/**
 * Fires scheduled bots while `pond up --watch` runs. Each tick looks at the time passed since the
 * last one: a bot whose schedule fell due gets one run (missed fire times fold into it, as a
 * CronJob does), under its concurrency policy. A bot new or changed since its last run is run once,
 * like plain `up` does. Runs go on beside the watch's reconciles; stopping interrupts them.
 */
export class BotScheduler {
  private readonly lastLook = new Map<string, Date>();
  private readonly seenHash = new Map<string, string>();
  /** Per bot, its schedule and its first fire time after the last look: until then a tick has nothing to compute for it. */
  private readonly nextFire = new Map<string, { schedule: string; at: number }>();
  private readonly active = new Map<string, Map<string, StartedRun | undefined>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private indexed: { project: Project; byName: Map<string, Project['spec']['workloads'][number]> } | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  start(tickMs = 250): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  /** Stops firing and interrupts runs in flight (each is recorded and its container removed). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.pending]);
  }

  tick(): void {
    const now = (this.deps.now ?? (() => new Date()))();
    const project = this.deps.project();
    if (this.indexed?.project !== project)
      this.indexed = { project, byName: new Map(project.spec.workloads.map((w) => [w.name, w])) };
    const { byName } = this.indexed;
    let view: ReturnType<typeof scheduledBots> | undefined;
    for (const template of project.scheduled) {
      const bot = template.workload;
      const facts = byName.get(bot)!.bot!;
      const since = this.lastLook.get(bot);
      this.lastLook.set(bot, now);
      if (this.seenHash.get(bot) !== template.hash) {
        this.seenHash.set(bot, template.hash);
        view ??= scheduledBots(project, now);
        const why = view.find((b) => b.workload === bot)?.run_on_up;
        if (why && !this.running(bot).length) this.fire(project, bot, 'up', why);
      }
      const cached = this.nextFire.get(bot);
      if (since && cached && cached.schedule === facts.schedule && cached.at > now.getTime()) continue;
      this.nextFire.set(bot, { schedule: facts.schedule!, at: nextFireMs(facts.schedule!, now) });
      const due = since ? firesBetween(facts.schedule!, since, now) : [];
      if (!due.length) continue;
      const at = short(due[due.length - 1]!.toISOString());
      const decision = decide(facts.concurrency, this.running(bot));
      if (decision.action === 'skip') {
        this.deps.out.log(`bot ${bot}: skipped the ${at} run: ${decision.reason}`);
        continue;
      }
      const stopped =
        decision.action === 'replace'
          ? Promise.allSettled(
              decision.stop.map((id) => this.active.get(bot)?.get(id)?.stop(`replaced by the ${at} run`)),
            )
          : undefined;
      this.fire(project, bot, 'schedule', `due at ${at}`, stopped);
    }
  }

  /**
   * The policy once more against runs this scheduler did not start (a `pond run` of another process),
   * which only the engine shows: forbid skips, replace stops them, allow goes ahead.
   */
  private async admitBesideOthers(project: Project, bot: string, why: string): Promise<boolean> {
    const facts = project.spec.workloads.find((w) => w.name === bot)?.bot;
    if (!facts || facts.concurrency === 'allow') return true;
    const mine = this.active.get(bot);
    const others = liveRuns(await this.deps.engine.observe(project.spec.name), bot).filter((r) => !mine?.has(r.id));
    const decision = decide(
      facts.concurrency,
      others.map((r) => r.id),
    );
    if (decision.action === 'start') return true;
    if (decision.action === 'skip') {
      this.deps.out.log(`bot ${bot}: skipped the run (${why}): ${decision.reason}`);
      return false;
    }
    const template = project.scheduled.find((c) => c.workload === bot);
    await Promise.allSettled(
      others.map((r) => this.deps.engine.stopWorkload(r.container, template?.spec.stopTimeoutSec ?? 10)),
    );
    return true;
  }

  private running(bot: string): string[] {
    return [...(this.active.get(bot)?.keys() ?? [])].sort();
  }

  /** Starts one run in the background (after `after`: the runs it replaces have stopped). */
  private fire(project: Project, bot: string, trigger: Trigger, why: string, after?: Promise<unknown>): void {
    const runs = this.active.get(bot) ?? new Map<string, StartedRun | undefined>();
    this.active.set(bot, runs);
    const placeholder = `starting-${Date.now()}-${runs.size}`;
    runs.set(placeholder, undefined);
    const { out } = this.deps;
    const p = Promise.resolve(after)
      .then(() => this.admitBesideOthers(project, bot, why))
      .then((admitted) =>
        admitted
          ? runBot(this.deps.engine, project, bot, {
              trigger,
              signal: this.abort.signal,
              onStarted: (r) => {
                runs.delete(placeholder);
                runs.set(r.id, r);
                out.log(`bot ${bot}: run ${r.id} started (${trigger}: ${why})`);
              },
            })
          : undefined,
      )
      .then(
        (r) => {
          if (!r) return;
          runs.delete(r.id);
          const result = r.result_file ? `, result .pond/runs/${bot}/${r.id}/${r.result_file}` : '';
          out.log(
            `bot ${bot}: run ${r.id} exited ${r.exit_code ?? '?'} in ${((r.duration_ms ?? 0) / 1000).toFixed(1)}s${result}${r.error ? ` (${r.error})` : ''}`,
          );
        },
        (e: unknown) => out.log(`bot ${bot}: run failed to start: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => {
        runs.delete(placeholder);
        this.pending.delete(p);
      });
    this.pending.add(p);
  }
}
