import type { Reporter } from '../model/report.js';
import { controllerOf } from './controllers.js';
import type { Exported } from './inputs.js';

/** The API server's limit on a CronJob's name: each run's Job adds an 11-character suffix within 63. */
const MAX_CRONJOB_NAME = 52;

/**
 * Name rules only some kinds have, stricter than the DNS-1123 label every object gets (names.ts), as
 * located errors: the API server refuses a Service whose name does not start with a letter (DNS-1035)
 * and a CronJob whose name is over 52 characters, so the export would fail at `kubectl apply`.
 */
export function refuseKindNames(items: Exported[], names: Map<string, string>, report: Reporter): void {
  for (const { w, task, awaitedToComplete } of items) {
    const name = names.get(w.name);
    if (!name) continue;
    if (task.ports.length && w.network !== 'none' && !/^[a-z]/.test(name))
      report.error(
        ['workloads', w.name],
        'export-name',
        `workload ${w.name}: its Service would be named ${name}, and a Service name must start with a letter`,
        'rename the workload so that it starts with a letter',
      );
    if (controllerOf(w, awaitedToComplete) === 'CronJob' && name.length > MAX_CRONJOB_NAME)
      report.error(
        ['workloads', w.name],
        'export-name',
        `workload ${w.name}: a CronJob name has at most ${MAX_CRONJOB_NAME} characters, ${name} has ${name.length}`,
        `rename the scheduled bot to at most ${MAX_CRONJOB_NAME} characters`,
      );
  }
}
