import type { TaskSpec } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import type { Project } from '../pipeline.js';

/** A workload with the TaskSpec its containers run: the model says what it is, the TaskSpec what it runs. */
export interface Exported {
  w: WorkloadSpec;
  task: TaskSpec;
  /** Another workload waits for it with `completed`: it runs once. */
  awaitedToComplete: boolean;
}

/** Every workload of the project, by name, each with its TaskSpec (a scheduled bot's is the one its runs use). */
export function exportedWorkloads(project: Project): Exported[] {
  const tasks = new Map([...project.desired.containers, ...project.scheduled].map((c) => [c.workload, c.spec]));
  const awaited = new Set(
    project.spec.workloads.flatMap((w) =>
      Object.entries(w.dependsOn)
        .filter(([, c]) => c === 'completed')
        .map(([d]) => d),
    ),
  );
  return project.spec.workloads
    .filter((w) => tasks.has(w.name))
    .map((w) => ({ w, task: tasks.get(w.name)!, awaitedToComplete: awaited.has(w.name) }))
    .sort((a, b) => (a.w.name < b.w.name ? -1 : 1));
}

/** The project's secret values, its kinds' included: what must never be written in clear. */
export function secretsOf(project: Project): string[] {
  const kinds = project.spec.workloads.flatMap((w) => [
    ...(w.database ? [w.database.connection.password] : []),
    ...(w.bot?.secrets ?? []),
  ]);
  return [...new Set([...project.spec.secretValues, ...kinds])];
}
