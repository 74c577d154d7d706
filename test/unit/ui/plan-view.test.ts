import { describe, expect, it } from 'vitest';
import type { Plan, Step } from '../../../src/plan/types.js';
import { PlanTracker } from '../../../src/ui/server/plan-view.js';

const step = (name: string, over: Partial<Step> = {}): Step =>
  ({
    id: `container:${name}`,
    action: 'create',
    resource: 'container',
    name,
    engineName: `demo-${name}`,
    cause: 'new in pond.yaml',
    changes: [],
    destructive: false,
    needs: [],
    awaits: [],
    reach: ['started'],
    ...over,
  }) as Step;
const plan = (steps: Step[]): Plan => ({ project: 'demo', steps, unchanged: [], orphans: [], warnings: [], risks: [] });

describe('ui plan view (watch mode)', () => {
  it('shows a new plan as pending steps and the held ones as waiting-confirm', () => {
    const t = new PlanTracker();
    expect(
      t.begin(plan([step('web')]), [
        {
          step: step('db', { action: 'remove', destructive: true, cause: 'removed from pond.yaml' }),
          reason: 'deletes data: confirm',
        },
      ]),
    ).toBe(true);
    expect(t.view()!.steps.map((s) => [s.name, s.status, s.destructive])).toEqual([
      ['web', 'pending', false],
      ['db', 'waiting-confirm', true],
    ]);
  });

  it("follows the executor's step events; progress lines change nothing", () => {
    const t = new PlanTracker();
    t.begin(plan([step('web')]), []);
    expect(t.step({ step: step('web'), status: 'running' })).toBe(true);
    expect(t.step({ step: step('web'), status: 'progress', message: 'pulling' })).toBe(false);
    expect(t.step({ step: step('web'), status: 'done' })).toBe(true);
    expect(t.view()!.steps[0]!.status).toBe('done');
  });

  it('keeps a finished apply on show through the empty plans after it; nothing to show is undefined', () => {
    const t = new PlanTracker();
    expect(t.view()).toBeUndefined();
    t.begin(plan([step('web')]), []);
    t.step({ step: step('web'), status: 'done' });
    expect(t.begin(plan([]), [])).toBe(false);
    expect(t.view()!.steps[0]!.status).toBe('done');
  });

  it('clears steps that were waiting once nothing is held any more', () => {
    const t = new PlanTracker();
    t.begin(plan([]), [{ step: step('db'), reason: 'confirm' }]);
    expect(t.begin(plan([]), [])).toBe(true);
    expect(t.view()).toBeUndefined();
  });
});
