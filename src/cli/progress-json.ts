import type { StepEvent } from '../apply/executor.js';
import type { Progress } from './progress.js';

/**
 * One apply event as a tool reads it (`--progress json`, one object a line on stderr). The keys are
 * the same on every line; `message` is null when the event says nothing more than its status.
 */
export interface ProgressEvent {
  time: string;
  step: string;
  action: string;
  resource: string;
  name: string;
  status: StepEvent['status'];
  message: string | null;
}

export function progressEvent(e: StepEvent, now: Date): ProgressEvent {
  const message = e.status === 'reached' ? (e.condition ?? null) : (e.message ?? e.error?.message ?? null);
  return {
    time: now.toISOString(),
    step: e.step.id,
    action: e.step.action,
    resource: e.step.resource,
    name: e.step.name,
    status: e.status,
    message,
  };
}

/** NDJSON events on stderr, every state change included (pending and running too), for tools. */
export function jsonProgress(write: (line: string) => void, clock: () => Date = () => new Date()): Progress {
  return {
    onEvent: (e) => write(JSON.stringify(progressEvent(e, clock()))),
    done: async () => undefined,
  };
}

export const quietProgress: Progress = { onEvent: () => undefined, done: async () => undefined };
