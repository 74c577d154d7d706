import type { DesiredContainer } from '../desired/types.js';
import type { Step, StepBase } from './types.js';

type Defaulted = 'changes' | 'destructive' | 'needs' | 'awaits' | 'reach';

/** A step's own fields; what most steps share (no changes, no needs, reaches `started`) may be left out. */
export type StepFields<S extends Step> = Omit<S, Defaulted> & Partial<Pick<StepBase, Defaulted>>;

/**
 * One step of the variant `S`, with the shared defaults filled in. Sound for one variant at a time
 * (every field of `S` is given or defaulted); TypeScript cannot see through Omit on a type parameter.
 */
export function makeStep<S extends Step>(fields: StepFields<S>): S {
  return { changes: [], destructive: false, needs: [], awaits: [], reach: ['started'], ...fields } as unknown as S;
}

/** The desired container a step brings up, if it carries one: what warnings, refusals and port checks read. */
export function wantedBy(step: Step): DesiredContainer | undefined {
  if (step.resource !== 'container') return undefined;
  if (
    step.action === 'create' ||
    step.action === 'replace' ||
    step.action === 'update' ||
    step.action === 'start' ||
    step.action === 'restart'
  )
    return step.container ?? undefined;
  return undefined;
}
