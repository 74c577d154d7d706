import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LABEL } from '../labels.js';
import type { DesiredContainer } from '../desired/types.js';
import type { TaskSpec, Engine, LogLine, RunHandle } from '../engine/types.js';
import { UsageError } from '../errors.js';
import type { Project } from '../pipeline.js';
import type { BotFacts } from '../workloads/bot/expand.js';
import { runId } from './history.js';
import { ownerTag } from '../identity.js';
import { prepareBots } from './prepare.js';
import { manualSpec } from './manual-spec.js';
import { ensureShared } from '../oneoff/prepare.js';
import type { SpecOverrides } from '../oneoff/spec.js';
import { prune, runDir, writeRecord, type RunRecord, type Trigger } from './store.js';

export interface RunOptions {
  trigger: Trigger;
  /** Each output line as it arrives (pond run streams them). */
  onLine?: (line: LogLine) => void;
  /** Called once the container has started, with a handle to stop it. */
  onStarted?: (run: StartedRun) => void;
  /** Aborting stops the run's container (Ctrl-C); the run is recorded as interrupted. */
  signal?: AbortSignal;
  /** `pond run BOT [CMD...]` with -e, -u, -w, --entrypoint: what this run changes in the bot's spec. */
  overrides?: SpecOverrides;
}

/** A run in flight: the scheduler's `replace` policy stops it through this. */
export interface StartedRun {
  id: string;
  bot: string;
  stop(reason: string): Promise<void>;
}

/** The template a bot's runs are made from, and what pond.yaml says about the bot. */
export function botOf(project: Project, name: string): { template: DesiredContainer; facts: BotFacts } {
  const facts = project.spec.workloads.find((w) => w.name === name)?.bot;
  const template = [...project.scheduled, ...project.desired.containers].find((c) => c.workload === name);
  if (!facts || !template) {
    const bots = project.spec.workloads.filter((w) => w.bot).map((w) => w.name);
    throw new UsageError(
      `"${name}" is not a bot in project "${project.spec.name}"`,
      bots.length ? `bots here: ${bots.join(', ')}` : 'no workload here is a bot (kind: bot)',
    );
  }
  return { template, facts };
}

/** The run's container: the bot's own spec under its own name, labelled with the run id, never restarted. */
export function runSpec(template: DesiredContainer, id: string): TaskSpec {
  return {
    ...template.spec,
    name: `${template.spec.name}-run-${id}`,
    restart: 'no',
    aliases: [],
    labels: { ...template.spec.labels, [LABEL.run]: id, [LABEL.owner]: ownerTag() },
  };
}

/**
 * One run of a bot, start to finish: a terminating container from the bot's spec, its output saved
 * with timestamps to `.pond/runs/<bot>/<run>/logs.txt`, the results file copied out after exit, a
 * `run.json` written at start and at the end, the container removed, old runs pruned. Resolves with
 * the record; rejects only when the container could not be created or started (recorded too).
 */
export async function runBot(engine: Engine, project: Project, bot: string, opts: RunOptions): Promise<RunRecord> {
  const { template, facts } = botOf(project, bot);
  const dir = project.spec.dir;
  prepareBots(project.spec);
  if (!(await engine.hasImage(template.spec.image))) await engine.pullImage(template.spec.image);
  const id = runId(new Date(), randomBytes(2).toString('hex'));
  const spec = opts.overrides ? manualSpec(runSpec(template, id), opts.overrides) : runSpec(template, id);
  await ensureShared(engine, project, spec);
  const record: RunRecord = { id, bot, trigger: opts.trigger, started: new Date().toISOString(), hash: template.hash };
  writeRecord(dir, record);
  let run: RunHandle;
  try {
    run = await engine.run(spec);
  } catch (e) {
    finish(dir, record, { error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  let stopReason: string | undefined;
  const stop = async (reason: string): Promise<void> => {
    stopReason ??= reason;
    await run.stop(spec.stopTimeoutSec);
  };
  const onAbort = (): void => void stop('interrupted').catch(() => undefined);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();
  opts.onStarted?.({ id, bot, stop });
  try {
    const logFile = path.join(runDir(dir, bot, id), 'logs.txt');
    const [{ exitCode }] = await Promise.all([run.wait(), saveLogs(run, logFile, opts.onLine)]);
    const result = facts.results ? await collect(run, facts.results, runDir(dir, bot, id)) : undefined;
    return finish(dir, record, {
      exit_code: exitCode,
      ...(result && { result_file: result }),
      ...(stopReason && { error: stopReason }),
    });
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await run.remove().catch(() => undefined);
    prune(dir, bot, facts.history);
  }
}

function finish(dir: string, record: RunRecord, end: Partial<RunRecord>): RunRecord {
  const finished = new Date();
  Object.assign(record, {
    finished: finished.toISOString(),
    duration_ms: finished.getTime() - Date.parse(record.started),
    ...end,
  });
  writeRecord(dir, record);
  return record;
}

/** The output, both streams in order with the engine's timestamps, followed until the container stops. */
async function saveLogs(run: RunHandle, file: string, onLine?: (line: LogLine) => void): Promise<void> {
  const fd = fs.openSync(file, 'a');
  try {
    for await (const line of run.logs({ follow: true, timestamps: true })) {
      fs.writeSync(fd, `${line.time ?? new Date().toISOString()} ${line.stream} ${line.text}\n`);
      onLine?.(line);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies the results file out of the stopped container; its name in the run folder is its basename. */
async function collect(run: RunHandle, file: string, into: string): Promise<string | undefined> {
  const bytes = await run.collect(file);
  if (!bytes) return undefined;
  const name = path.posix.basename(file);
  fs.writeFileSync(path.join(into, name), bytes);
  return name;
}
