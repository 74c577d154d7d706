import type { ApplyResult } from '../apply/executor.js';
import { ApplyError, InterruptedError, PondError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { planToJson } from '../plan/render.js';
import type { PlanData } from './types.js';

export function planData(plan: Plan): PlanData {
  return planToJson(plan) as unknown as PlanData;
}

/**
 * An apply's outcome as the caller's exception: InterruptedError after the signal aborted it, an
 * ApplyError holding every failed step otherwise (the CLI's exit codes: 130, 124 or 1).
 */
export function throwUnlessOk(result: ApplyResult): void {
  if (result.interrupted)
    throw new InterruptedError(
      'interrupted: some steps did not run',
      'the calls in flight finished; run up or down again to converge',
    );
  if (result.ok) return;
  const failures = result.results
    .filter((r) => r.status === 'failed')
    .map((r) => ({ step: r.step.id, error: r.error ?? new Error('unknown error') }));
  const hint = failures.map((f) => f.error).find((e): e is PondError => e instanceof PondError && !!e.hint)?.hint;
  throw new ApplyError(
    `apply failed: ${failures.map((f) => `${f.step}: ${f.error.message}`).join('; ')}`,
    failures,
    hint,
  );
}
