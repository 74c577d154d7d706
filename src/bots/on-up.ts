import type { BotRunner } from '../apply/actions.js';
import type { Engine } from '../engine/types.js';
import { PondError } from '../errors.js';
import type { Project } from '../pipeline.js';
import type { DesiredContainer } from '../desired/types.js';
import { runBot } from './run.js';
import { scheduledBots } from './schedule-view.js';
import type { RunRecord } from './store.js';

export interface UpRun {
  bot: string;
  record?: RunRecord;
  error?: string;
}

/**
 * The scheduled bots `pond up` runs once now (new, or changed since their newest run, with
 * run_on_up), for the planner: it makes each a `run` step after what the bot depends on.
 */
export function dueOnUp(project: Project, now: Date): { bot: DesiredContainer; why: string }[] {
  return scheduledBots(project, now).flatMap((b) => {
    const bot = project.scheduled.find((c) => c.workload === b.workload);
    return bot && b.run_on_up ? [{ bot, why: b.run_on_up }] : [];
  });
}

/**
 * What the executor calls for a plan's `run` steps: one run of the bot to its end, with progress
 * to `log`; a run that did not exit 0 fails its step. `runs` collects every outcome for up's JSON.
 */
export function upRunner(
  engine: Engine,
  project: Project,
  log: (line: string) => void,
): { runBot: BotRunner; runs: UpRun[] } {
  const runs: UpRun[] = [];
  const runner: BotRunner = async (bot, { signal }) => {
    let outcome: UpRun;
    try {
      const record = await runBot(engine, project, bot, { trigger: 'up', signal });
      const result = record.result_file ? `, result ${record.result_file}` : '';
      log(
        `run ${bot}: ${record.id} exited ${record.exit_code} in ${((record.duration_ms ?? 0) / 1000).toFixed(1)}s${result} (.pond/runs/${bot}/${record.id}/)`,
      );
      outcome = { bot, record };
    } catch (e) {
      outcome = { bot, error: e instanceof Error ? e.message : String(e) };
    }
    runs.push(outcome);
    const failure = upRunFailure(outcome);
    if (failure) throw new PondError(failure);
  };
  return { runBot: runner, runs };
}

/** A failed run of up's, as an error line; undefined when it exited 0. */
export function upRunFailure(r: UpRun): string | undefined {
  if (r.error) return `run ${r.bot} failed: ${r.error}`;
  if (r.record && r.record.exit_code !== 0)
    return `run ${r.bot} exited ${r.record.exit_code ?? '?'}${r.record.error ? ` (${r.record.error})` : ''}: its logs are in .pond/runs/${r.bot}/${r.record.id}/logs.txt`;
  return undefined;
}
