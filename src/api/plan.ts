import type { Engine } from '../engine/types.js';
import type { Project } from '../pipeline.js';
import { makePlan } from '../session/make-plan.js';
import type { PlanOptions } from './option-types.js';
import { parseOptions, planSchema } from './options.js';
import { planData } from './outcome.js';
import type { PlanData } from './types.js';

/** `pond plan --format json` as a value: one engine snapshot, nothing touched, no lock taken. */
export async function plan(
  project: Project,
  engine: () => Promise<Engine>,
  options: PlanOptions | undefined,
): Promise<PlanData> {
  const o = parseOptions(planSchema, options, 'Pond.plan');
  return planData((await makePlan(await engine(), project, o)).plan);
}
