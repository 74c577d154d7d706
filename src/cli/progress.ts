import type { StepEvent } from '../apply/executor.js';
import { stepTitle } from '../plan/step-title.js';
import type { Plan, Step } from '../plan/types.js';
import type { Output } from './output.js';

/** Draws the executor's events. It decides nothing: apply runs the same without it. */
export interface Progress {
  onEvent(e: StepEvent): void;
  /** Resolves once the drawing has caught up with the last event. */
  done(): Promise<void>;
}

const PHRASE: Record<string, string> = { started: 'started', healthy: 'healthy', completed: 'completed' };

/** "waiting for db (healthy), seed (completed)": what a step that cannot start yet is waiting for. */
export function waitingFor(s: Step, plan: Plan): string {
  const byId = new Map(plan.steps.map((x) => [x.id, x]));
  const names = s.needs.flatMap((n) => {
    const dep = byId.get(n.step);
    return dep?.resource === 'container' ? [`${dep.name} (${PHRASE[n.condition]})`] : [];
  });
  return names.length ? `waiting for ${names.join(', ')}` : 'queued';
}

/** Plain lines, one per state change: what CI and pipes see. */
export function plainProgress(out: Output): Progress {
  return {
    onEvent(e) {
      const name = stepTitle(e.step);
      if (e.status === 'pending' || e.status === 'running') return;
      if (e.status === 'progress') out.log(`${name}: ${e.message}`);
      else if (e.status === 'reached' && e.condition !== 'started') out.log(`${name}: ${e.condition}`);
      else if (e.status === 'warning') out.log(`${name}: warning: ${e.message}`);
      else if (e.status === 'done') out.log(`${name}: done`);
      else if (e.status === 'failed') out.log(`${name}: FAILED: ${e.error?.message ?? 'unknown error'}`);
      else if (e.status === 'skipped' || e.status === 'cancelled') out.log(`${name}: ${e.message ?? e.status}`);
    },
    done: async () => undefined,
  };
}

/** listr2 draws one line per step on a TTY; it is imported only here, only when drawing. */
export async function ttyProgress(plan: Plan): Promise<Progress> {
  const { Listr } = await import('listr2');
  const waiters = new Map<string, { push(e: StepEvent): void }>();
  const backlog = new Map<string, StepEvent[]>();
  const register = (id: string, w: { push(e: StepEvent): void }): void => {
    waiters.set(id, w);
    for (const e of backlog.get(id) ?? []) w.push(e);
    backlog.delete(id);
  };
  const list = new Listr(
    plan.steps.map((step) => ({
      title: stepTitle(step),
      task: (_ctx: unknown, task: { output: string; title: string; skip(msg?: string): void }) =>
        new Promise<void>((resolve, reject) => {
          register(step.id, {
            push(e) {
              if (e.status === 'pending') task.output = waitingFor(step, plan);
              else if (e.status === 'progress' || e.status === 'warning') task.output = e.message ?? '';
              else if (e.status === 'reached' && e.condition !== 'started') task.output = e.condition ?? '';
              else if (e.status === 'done') {
                task.title = `${stepTitle(step)}${step.reach.length > 1 ? ` (${step.reach.at(-1)})` : ''}`;
                resolve();
              } else if (e.status === 'failed') reject(e.error ?? new Error('failed'));
              else if (e.status === 'skipped' || e.status === 'cancelled') {
                task.skip(e.message ?? e.status);
                resolve();
              }
            },
          });
        }),
    })),
    { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false } },
  );
  const running = list.run().catch(() => undefined);
  return {
    onEvent(e) {
      const w = waiters.get(e.step.id);
      if (w) w.push(e);
      else backlog.set(e.step.id, [...(backlog.get(e.step.id) ?? []), e]);
    },
    done: async () => {
      await running;
    },
  };
}
