import { applyPlan } from '../apply/executor.js';
import type { Engine } from '../engine/types.js';
import { acquireLock } from '../lock/lock.js';
import { planDown } from '../plan/down.js';
import type { Plan } from '../plan/types.js';
import { emitter, stepEvent, type Emit } from './events.js';
import type { DownOptions, DownResult } from './option-types.js';
import { downSchema, parseOptions } from './options.js';
import { planData, throwUnlessOk } from './outcome.js';

/**
 * `pond down` without a terminal: removes the project's containers and network, and its volumes only
 * with `volumes: true` (that option is the confirmation). A container that appeared meanwhile (a
 * one-off run) is removed after. The lock is taken in the folder `locks`.
 */
export async function down(
  project: string,
  dir: string,
  locks: string,
  engine: () => Promise<Engine>,
  options: DownOptions | undefined,
): Promise<DownResult> {
  const o = parseOptions(downSchema, options, 'Pond.down');
  const emit = emitter(o.onEvent);
  const lock = await acquireLock(locks, project, 'pond down (API)', o.lockTimeoutMs);
  try {
    const live = await engine();
    const observed = await live.observe(project);
    const plan = planDown(project, observed, { volumes: o.volumes });
    emit({ type: 'plan', plan: planData(plan) });
    const apply = (p: Plan): Promise<void> =>
      run(p, live, emit, { concurrency: o.concurrency, projectDir: dir, signal: o.signal });
    if (plan.steps.length) {
      await apply(plan);
      const late = await live.observe(project);
      if (late.workloads.length) await apply(planDown(project, { ...late, volumes: [] }, { volumes: false }));
    }
    return { plan: planData(plan), keptVolumes: o.volumes ? [] : observed.volumes.map((v) => v.name).sort() };
  } finally {
    await lock.release();
  }
}

async function run(
  plan: Plan,
  engine: Engine,
  emit: Emit,
  o: { concurrency: number; projectDir: string; signal?: AbortSignal },
): Promise<void> {
  throwUnlessOk(await applyPlan(plan, engine, { ...o, waitTimeoutMs: 0, onEvent: (e) => emit(stepEvent(e)) }));
}
