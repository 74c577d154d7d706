import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, observedFrom, project, workload } from '../../support/fixtures.js';

const HEAL: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true, heal: true };
const desired = desiredOf(
  project([
    workload('server', { restart: 'no' }),
    workload('seed', { restart: 'no' }),
    workload('app', { dependsOn: { seed: 'completed' } }),
  ]),
);
const exited = observedFrom(desired, {
  server: { state: 'exited', exitCode: 0 },
  seed: { state: 'exited', exitCode: 0 },
});
const starts = (options: PlanOptions): string[] =>
  reconcile(desired, exited, options)
    .steps.filter((s) => s.action === 'start')
    .map((s) => s.name);

describe('after an engine restart, a server that exited 0 is not a finished job', () => {
  it('watch leaves a restart: no workload that exited 0 alone in normal times (it finished)', () => {
    expect(starts(HEAL)).toEqual([]);
  });
  it('but starts it again when it was running before the engine went away', () => {
    expect(starts({ ...HEAL, stoppedByEngine: ['server', 'seed', 'app'] })).toEqual(['server']);
  });
  it('a depends_on: completed target stays finished: it is meant to end', () => {
    expect(starts({ ...HEAL, stoppedByEngine: ['seed'] })).toEqual([]);
  });
});
