import type { Engine } from '../engine/types.js';
import type { Project } from '../pipeline.js';
import { runBot } from './run.js';
import type { ScheduledBot } from './schedule-view.js';
import type { RunRecord } from './store.js';

export interface UpRun {
  bot: string;
  record?: RunRecord;
  error?: string;
}

/**
 * `pond up` proves a new or changed scheduled bot: each one `scheduledBots` marks is run once, side
 * by side, and waited for; progress goes to `log`. Returns every outcome; the caller fails up when one did not exit 0.
 */
export async function runOnUp(engine: Engine, project: Project, bots: ScheduledBot[], log: (line: string) => void, signal?: AbortSignal): Promise<UpRun[]> {
  const due = bots.filter((b) => b.run_on_up);
  return Promise.all(
    due.map(async (b): Promise<UpRun> => {
      log(`run ${b.workload}: ${b.run_on_up}`);
      try {
        const record = await runBot(engine, project, b.workload, { trigger: 'up', signal });
        const result = record.result_file ? `, result ${record.result_file}` : '';
        log(`run ${b.workload}: ${record.id} exited ${record.exit_code} in ${((record.duration_ms ?? 0) / 1000).toFixed(1)}s${result} (.pond/runs/${b.workload}/${record.id}/)`);
        return { bot: b.workload, record };
      } catch (e) {
        return { bot: b.workload, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
}

/** The failures among up's runs, as error lines. */
export function upRunFailures(runs: UpRun[]): string[] {
  return runs.flatMap((r) => {
    if (r.error) return [`run ${r.bot} failed: ${r.error}`];
    if (r.record && r.record.exit_code !== 0) return [`run ${r.bot} exited ${r.record.exit_code ?? '?'}${r.record.error ? ` (${r.record.error})` : ''}: its logs are in .pond/runs/${r.bot}/${r.record.id}/logs.txt`];
    return [];
  });
}
