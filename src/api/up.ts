import { applyPlan } from '../apply/executor.js';
import { upRunner } from '../bots/on-up.js';
import { formatDiagnostic } from '../config/format.js';
import type { Engine } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { acquireLock } from '../lock/lock.js';
import type { Project } from '../pipeline.js';
import { hasChanges } from '../plan/render.js';
import type { Plan } from '../plan/types.js';
import { makePlan } from '../session/make-plan.js';
import { prepareProjectFiles } from '../session/prepare-files.js';
import { emitter, stepEvent } from './events.js';
import type { UpOptions, UpResult } from './option-types.js';
import { parseOptions, upSchema } from './options.js';
import { planData, throwUnlessOk } from './outcome.js';

/** `pond up` without a terminal: lock (in the folder `locks`), plan, apply (the due scheduled bots' first runs are steps of the plan). */
export async function up(
  project: Project,
  locks: string,
  engine: () => Promise<Engine>,
  options: UpOptions | undefined,
): Promise<UpResult> {
  const o = parseOptions(upSchema, options, 'Pond.up');
  const emit = emitter(o.onEvent);
  const lock = await acquireLock(locks, project.spec.name, 'pond up (API)', o.lockTimeoutMs);
  try {
    for (const w of project.warnings) emit({ type: 'warning', message: formatDiagnostic(w) });
    const live = await engine();
    const { plan } = await makePlan(live, project, o, o.wait);
    const data = planData(plan);
    emit({ type: 'plan', plan: data });
    refuseDataLoss(plan, o.allowDataLoss);
    prepareProjectFiles(project);
    if (hasChanges(plan)) {
      const onEvent = (e: Parameters<typeof stepEvent>[0]): void => emit(stepEvent(e));
      const { runBot } = upRunner(live, project, (message) => emit({ type: 'log', message }));
      throwUnlessOk(
        await applyPlan(plan, live, {
          concurrency: o.concurrency,
          waitTimeoutMs: o.waitTimeoutMs,
          projectDir: project.spec.dir,
          signal: o.signal,
          onEvent,
          runBot,
        }),
      );
    }
    return { plan: data };
  } finally {
    await lock.release();
  }
}

function refuseDataLoss(plan: Plan, allowed: boolean): void {
  const doomed = plan.steps.filter((s) => s.destructive);
  if (!doomed.length || allowed) return;
  const names = doomed.map((s) => `${s.resource} ${s.name}`).join(', ');
  throw new UsageError(
    `the plan deletes persistent data (${names}): nothing was changed`,
    'pass allowDataLoss: true to apply it, or leave out removeOrphans to keep the data',
  );
}
