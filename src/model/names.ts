import { MAX_NAME_LENGTH } from '../config/caps.js';
import type { Reporter } from './report.js';

/**
 * A workload's container is `project-workload`, and docker's embedded DNS answers to that name on
 * the project network: the pair must fit in one DNS label, though docker itself would accept more.
 * The schema caps each name alone; only here are both known (the project may come from -p). The
 * name is desired/labels.ts's containerName, spelt out because model/ sits below desired/.
 */
export function checkContainerNames(project: string, workloads: Iterable<string>, report: Reporter): void {
  for (const workload of workloads) {
    const name = `${project}-${workload}`;
    if (name.length <= MAX_NAME_LENGTH) continue;
    report.error(
      ['workloads', workload],
      'too-long',
      `container name "${name}" would be ${name.length} characters long; project and workload names together allow at most ${MAX_NAME_LENGTH - 1}`,
      'shorten the workload name, or the project name (name:, or -p)',
    );
  }
}
