import { formatDiagnostic } from '../config/format.js';
import { LABEL } from '../labels.js';
import type { Engine, ObservedState } from '../engine/types.js';
import { ConfigError, EngineUnreachableError } from '../errors.js';
import type { ApplyResult } from '../apply/executor.js';
import type { Project } from '../pipeline.js';
import { holdBack, type Held } from '../plan/hold.js';
import { reconcile } from '../plan/reconcile.js';
import { summaryLine } from '../plan/render.js';
import { stepTitle } from '../plan/step-title.js';
import type { Plan, Step } from '../plan/types.js';
import { Backoff } from './backoff.js';
import type { HealState } from './heal-state.js';
import { holdsFor } from './holds.js';
import { QuietPlan, type PlanInputs } from './quiet.js';
import { missingOutputs } from '../workloads/query/expand.js';
import { abandonedRuns } from '../identity.js';
import type { Trigger } from './queue.js';

/** The engine's key in the retry backoff. */
const ENGINE = 'engine';
/** How long before its event stream ends a daemon's shutdown stops the containers that exit 0 on SIGTERM. */
const SHUTDOWN_WINDOW_MS = 5_000;
/** While the event stream reports nothing, a settled stack is still observed this often (networks and volumes send no events). */
const FULL_RESYNC_MS = 10_000;
/** An event stream must have been open this long before an observe for that observe to count as covered by it. */
const STREAM_MARGIN_MS = 1_000;

export interface ControllerOptions {
  yes: boolean;
  removeOrphans: boolean;
}

/** Where watch mode reports: progress lines and errors, both on stderr (cli/output.ts's Output is one). */
export interface WatchLog {
  log(line: string): void;
  err(text: string): void;
}

export interface ControllerDeps {
  engine: Engine;
  /** The project as already loaded by the caller: the first reconcile plans it without reading again. */
  initial: Project;
  load: () => Promise<Project>;
  out: WatchLog;
  /**
   * Runs one plan to its end (the caller draws progress and turns stop signals into an abort); `dir` is
   * pond.yaml's folder, where removed containers' last output is kept.
   */
  apply: (plan: Plan, dir: string) => Promise<ApplyResult>;
  options: ControllerOptions;
  now?: () => number;
  /** Called after each reconcile with the files to watch and the heal state, for the caller to persist. */
  onSettled?: (project: Project, heal: HealState) => void;
  /** Each plan made (empty ones too) with the steps held back from it: `pond up --watch --ui` shows them. */
  onPlan?: (plan: Plan, held: Held[]) => void;
}

/**
 * One reconcile of watch mode, level-triggered: a file trigger re-reads every file and re-plans; a
 * tick re-observes the engine against the last valid config. An invalid edit leaves the stack as it
 * is; an engine that cannot be reached is retried with capped backoff and never acted on.
 */
export class WatchController {
  readonly backoff = new Backoff();
  readonly approved = new Set<string>();
  private project: Project;
  private shownError: string | undefined;
  private shownHeld = '';
  private lastHeld: Held[] = [];
  private engineDownSince: number | undefined;
  private readonly engineRetry = new Backoff(1_000, 30_000);
  private first = true;
  /** Workloads running at the last look before the engine went away: they did not finish, the engine stopped them. */
  private running = new Set<string>();
  private stoppedByEngine: string[] = [];
  private readonly lastDie = new Map<string, number>();
  private readonly quiet = new QuietPlan();
  /** When the current event stream was opened; undefined while none is. */
  private streamSince: number | undefined;
  /** Events seen so far, and how many there had been when the last observe started. */
  private eventCount = 0;
  private observed = { at: Number.NEGATIVE_INFINITY, events: -1 };

  constructor(private readonly deps: ControllerDeps) {
    this.project = deps.initial;
  }

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** The files the current config was built from (what to watch). */
  get sources(): string[] {
    return this.project.spec.sources;
  }

  /** One reconcile; returns the apply's result when it applied anything. */
  async reconcile(t: Trigger): Promise<ApplyResult | undefined> {
    const { out } = this.deps;
    if (t.reread && !(await this.reload(t))) return undefined;
    if (this.engineRetry.held(this.now).has(ENGINE)) return undefined;
    const project = this.project;
    const missing = missingOutputs(project.spec.workloads);
    if (this.unchangedSinceObserved(t, project, missing)) return undefined;
    let observed;
    try {
      this.observed = { at: this.now, events: this.eventCount };
      observed = await this.deps.engine.observe(project.spec.name);
    } catch (e) {
      if (!(e instanceof EngineUnreachableError)) throw e;
      this.engineDown(e);
      return undefined;
    }
    if (this.engineDownSince !== undefined) {
      out.log(
        `engine is back after ${((this.now - this.engineDownSince) / 1000).toFixed(1)}s; listed everything again`,
      );
      this.engineDownSince = undefined;
      this.engineRetry.forget(ENGINE);
      this.stoppedByEngine = [...new Set([...this.stoppedByEngine, ...this.running])];
    }
    this.running = runningWorkloads(observed);
    const heal = !this.first;
    this.first = false;
    const inputs: PlanInputs = {
      project,
      observed,
      missingOutputs: missing,
      abandonedRuns: abandonedRuns(observed),
      stoppedByEngine: this.stoppedByEngine,
    };
    if (heal && this.quiet.unchanged(inputs)) {
      if (t.reread) out.log(`no changes (${t.reasons.join(', ')})`);
      this.settle(project);
      return undefined;
    }
    const full = reconcile(project.desired, observed, {
      forceRecreate: false,
      noRecreate: false,
      removeOrphans: this.deps.options.removeOrphans,
      wait: true,
      heal,
      missingOutputs: inputs.missingOutputs,
      abandonedRuns: inputs.abandonedRuns,
      stoppedByEngine: this.stoppedByEngine,
    });
    this.quiet.remember(inputs, heal && !full.steps.length);
    const { plan, held } = holdBack(
      full,
      holdsFor(full, { yes: this.deps.options.yes, approved: this.approved, backoff: this.backoff.held(this.now) }),
    );
    this.reportHeld(held);
    this.deps.onPlan?.(plan, held);
    if (!plan.steps.length) {
      this.stoppedByEngine = [];
      if (t.reread) out.log(`no changes (${t.reasons.join(', ')})`);
      this.settle(project);
      return undefined;
    }
    if (heal) this.countRestarts(plan.steps);
    out.log(`apply: ${summaryLine(plan)}${t.reasons.length ? ` (${t.reasons.join(', ')})` : ''}`);
    for (const s of plan.steps) out.log(`  ${stepTitle(s)}: ${s.cause}`);
    const result = await this.deps.apply(plan, project.spec.dir);
    if (result.ok) this.stoppedByEngine = [];
    this.settle(project);
    return result;
  }

  /**
   * A plain resync tick may skip observing when the last plan was empty, nothing in it depends on the
   * clock, and the engine's event stream, open since before that observe, has reported nothing since;
   * a full look still happens every FULL_RESYNC_MS.
   */
  private unchangedSinceObserved(t: Trigger, project: Project, missing: string[]): boolean {
    if (t.reread || t.reasons.length || this.streamSince === undefined || this.stoppedByEngine.length) return false;
    if (this.streamSince + STREAM_MARGIN_MS > this.observed.at || this.eventCount !== this.observed.events)
      return false;
    return this.now - this.observed.at < FULL_RESYNC_MS && this.quiet.settled(project, missing);
  }

  private async reload(t: Trigger): Promise<boolean> {
    try {
      const next = await this.deps.load();
      if (next.spec.name !== this.project.spec.name) {
        this.deps.out.log(
          `the project name changed to "${next.spec.name}": this watch holds "${this.project.spec.name}" and keeps it; restart pond up --watch to switch`,
        );
        return false;
      }
      this.project = next;
      if (this.shownError !== undefined) this.deps.out.log('configuration is valid again');
      this.shownError = undefined;
      if (t.reread && t.reasons.length) this.deps.out.log(`change: ${t.reasons.join(', ')}`);
      return true;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const text = e.diagnostics.map((d) => formatDiagnostic(d, process.cwd())).join('\n');
      if (text !== this.shownError) {
        this.deps.out.log(`invalid configuration (${t.reasons.join(', ')}): the running stack is left as it is`);
        this.deps.out.err(text);
      }
      this.shownError = text;
      return false;
    }
  }

  /**
   * Follows the engine's event stream until `signal` aborts. The stream ends when dockerd stops, often
   * between two resync ticks: then whatever was running, or died in the few seconds before (a daemon
   * stops its containers before it closes; only an exit 0 matters, and a graceful exit is quick), was
   * stopped by the engine, and is started again once the
   * engine answers.
   */
  async followEvents(signal: AbortSignal): Promise<void> {
    const { engine } = this.deps;
    if (!engine.events) return;
    while (!signal.aborted) {
      try {
        this.streamSince = this.now;
        for await (const e of engine.events(this.project.spec.name, signal)) {
          this.eventCount++;
          if (e.action === 'die') this.lastDie.set(e.workload, this.now);
        }
      } catch {
        // the connection broke: the engine went away
      }
      this.streamSince = undefined;
      if (signal.aborted) return;
      const recent = [...this.lastDie].filter(([, t]) => this.now - t < SHUTDOWN_WINDOW_MS).map(([w]) => w);
      const suspects = [...new Set([...this.running, ...recent])].sort();
      await this.untilEngineAnswers(signal);
      if (signal.aborted) return;
      this.deps.out.log(
        `engine restarted and is back${suspects.length ? `: starting again what it stopped (${suspects.join(', ')})` : ''}`,
      );
      this.stoppedByEngine = [...new Set([...this.stoppedByEngine, ...suspects])];
    }
  }

  private async untilEngineAnswers(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.deps.engine.ping();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private engineDown(e: EngineUnreachableError): void {
    const wait = this.engineRetry.restarted(ENGINE, this.now).nextDelayMs;
    if (this.engineDownSince === undefined) {
      this.engineDownSince = this.now;
      this.deps.out.log(`engine unreachable (${e.message}); nothing will be changed until it answers`);
    }
    this.deps.out.log(`engine: retrying in ${wait / 1000}s`);
  }

  private countRestarts(steps: Step[]): void {
    for (const s of steps) {
      if (s.action !== 'start' && s.action !== 'restart') continue;
      const { restarts, nextDelayMs } = this.backoff.restarted(s.name, this.now);
      this.deps.out.log(
        `self-heal: ${s.name} ${s.cause} → ${s.action} (restart ${restarts} in a row; the next waits ${nextDelayMs / 1000}s)`,
      );
    }
  }

  /** The user pressed y: the data-losing steps held right now may run (once). */
  approveHeld(): void {
    for (const h of this.lastHeld) if (h.step.destructive) this.approved.add(h.step.id);
  }

  private reportHeld(held: Held[]): void {
    this.lastHeld = held;
    const text = held.map((h) => `held: ${h.step.action} ${h.step.name}: ${h.reason}`).join('\n');
    if (text && text !== this.shownHeld) this.deps.out.log(text);
    this.shownHeld = text;
  }

  private settle(project: Project): void {
    this.deps.onSettled?.(project, this.backoff.snapshot());
  }
}

function runningWorkloads(observed: ObservedState): Set<string> {
  return new Set(
    observed.workloads
      .filter((c) => c.state === 'running' && c.labels[LABEL.run] === undefined)
      .map((c) => c.labels[LABEL.workload] ?? c.name),
  );
}
