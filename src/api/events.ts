import type { StepEvent } from '../apply/executor.js';
import type { Step } from '../plan/types.js';
import type { PondEvent, StepRef } from './types.js';

export type Emit = (e: PondEvent) => void;

/** The caller's callback, guarded: a throwing listener must not abort an apply half-way. */
export function emitter(onEvent: ((e: PondEvent) => void) | undefined): Emit {
  if (!onEvent) return () => undefined;
  return (e) => {
    try {
      onEvent(e);
    } catch {
      // the listener's failure is its own; the apply goes on
    }
  };
}

export function stepRef(s: Step): StepRef {
  return { id: s.id, action: s.action, resource: s.resource, name: s.name };
}

export function stepEvent(e: StepEvent): PondEvent {
  return {
    type: 'step',
    step: stepRef(e.step),
    status: e.status,
    ...(e.message !== undefined && { message: e.message }),
    ...(e.error && { error: e.error }),
  };
}
