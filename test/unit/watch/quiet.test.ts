import { describe, expect, it } from 'vitest';
import type { ObservedState } from '../../../src/engine/types.js';
import type { Project } from '../../../src/pipeline.js';
import { QuietPlan, type PlanInputs } from '../../../src/watch/quiet.js';
import { observedWorkload } from '../../support/fixtures.js';

const project = { spec: { name: 'demo' } } as unknown as Project;
const observed = (state: 'running' | 'exited', labels: Record<string, string> = {}): ObservedState => ({
  workloads: [
    observedWorkload({
      id: 'c1',
      name: 'demo-web',
      labels: { 'dev.pond.workload': 'web', ...labels },
      state,
      image: 'busybox:1.35',
      restartCount: 0,
      ports: [],
    }),
  ],
  volumes: [],
  networks: [],
});
const inputs = (over: Partial<PlanInputs> = {}): PlanInputs => ({
  project,
  observed: observed('running'),
  missingOutputs: [],
  abandonedRuns: [],
  stoppedByEngine: [],
  ...over,
});

describe('QuietPlan: an idle watch skips re-planning only when nothing it plans from changed', () => {
  it('skips the same inputs after an empty plan', () => {
    const q = new QuietPlan();
    q.remember(inputs(), true);
    expect(q.unchanged(inputs())).toBe(true);
  });

  it('plans again when the engine shows a change (a container exited)', () => {
    const q = new QuietPlan();
    q.remember(inputs(), true);
    expect(q.unchanged(inputs({ observed: observed('exited') }))).toBe(false);
  });

  it('plans again after a plan that had steps (they may have been held back)', () => {
    const q = new QuietPlan();
    q.remember(inputs(), false);
    expect(q.unchanged(inputs())).toBe(false);
  });

  it('plans again for a reloaded project (pond.yaml saved)', () => {
    const q = new QuietPlan();
    q.remember(inputs(), true);
    expect(q.unchanged(inputs({ project: { spec: { name: 'demo' } } as unknown as Project }))).toBe(false);
  });

  it('is never settled while a run exists or the engine stopped something: those depend on the clock', () => {
    const q = new QuietPlan();
    q.remember(inputs({ observed: observed('running', { 'dev.pond.run': 'r1' }) }), true);
    expect(q.settled(project, [])).toBe(false);
    q.remember(inputs({ stoppedByEngine: ['web'] }), true);
    expect(q.settled(project, [])).toBe(false);
    q.remember(inputs(), true);
    expect(q.settled(project, [])).toBe(true);
    expect(q.settled(project, ['report'])).toBe(false);
  });
});
