import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { operationPlan, type OperateRequest } from '../../../src/plan/operate.js';
import { desiredOf, observedFrom, project, workload, stepIs } from '../../support/fixtures.js';

const spec = project(
  [
    workload('db', { mounts: [{ type: 'volume', source: 'pgdata', target: '/data', readOnly: false }] }),
    workload('api', { dependsOn: { db: 'started' } }),
    workload('web', { dependsOn: { api: 'started' } }),
  ],
  ['pgdata'],
);
const desired = desiredOf(spec);
const edges = [
  { from: 'api', to: 'db', condition: 'started' as const },
  { from: 'web', to: 'api', condition: 'started' as const },
];
const req = (over: Partial<OperateRequest>): OperateRequest => ({
  verb: 'stop',
  named: [],
  desired,
  edges,
  observed: observedFrom(desired),
  ...over,
});
const ids = (r: OperateRequest): string[] => operationPlan(r).plan.steps.map((s) => s.id);

describe('operationPlan', () => {
  it('stops only the named workload, leaving its dependents alone', () => {
    expect(ids(req({ named: ['db'] }))).toEqual(['container:db']);
  });

  it('with --with-dependents stops dependents before what they depend on', () => {
    const { plan } = operationPlan(req({ named: ['db'], withDependents: true }));
    const needs = Object.fromEntries(plan.steps.map((s) => [s.name, s.needs.map((n) => n.step)]));
    expect(needs).toEqual({ db: ['container:api'], api: ['container:web'], web: [] });
  });

  it('starts dependencies before their dependents', () => {
    const observed = observedFrom(desired, {
      db: { state: 'exited' },
      api: { state: 'exited' },
      web: { state: 'exited' },
    });
    const { plan } = operationPlan(req({ verb: 'start', observed }));
    expect(plan.steps.find((s) => s.name === 'web')!.needs).toEqual([{ step: 'container:api', condition: 'started' }]);
  });

  it('leaves a running workload alone on start and says so', () => {
    const op = operationPlan(req({ verb: 'start', named: ['web'] }));
    expect(op.plan.steps).toEqual([]);
    expect(op.notes).toEqual(['web: already running']);
  });

  it('refuses a workload that has no container, naming it', () => {
    const observed = observedFrom(desired);
    expect(() =>
      operationPlan(
        req({
          named: ['web'],
          observed: {
            ...observed,
            workloads: observed.workloads.filter((c) => c.labels['dev.pond.workload'] !== 'web'),
          },
        }),
      ),
    ).toThrow(/web has no container/);
  });

  it('refuses to remove a running container unless asked to stop it first', () => {
    expect(() => operationPlan(req({ verb: 'rm', named: ['web'] }))).toThrow(UsageError);
    expect(ids(req({ verb: 'rm', named: ['web'], stopFirst: true }))).toEqual(['container:web']);
  });

  it('rm --volumes deletes a volume only its workload mounts, after the container, marked destructive', () => {
    const observed = observedFrom(desired, { db: { state: 'exited' } });
    const { plan } = operationPlan(req({ verb: 'rm', named: ['db'], volumes: true, observed }));
    const volume = plan.steps.find((s) => s.resource === 'volume')!;
    expect(volume).toMatchObject({
      name: 'pgdata',
      destructive: true,
      needs: [{ step: 'container:db', condition: 'started' }],
    });
  });

  it('kill sends the asked signal and uses -t for stops', () => {
    expect(
      stepIs(operationPlan(req({ verb: 'kill', named: ['web'], signal: 'SIGHUP' })).plan.steps[0], 'container', 'kill')
        .signal,
    ).toBe('SIGHUP');
    expect(
      stepIs(operationPlan(req({ named: ['web'], timeoutSec: 3 })).plan.steps[0], 'container', 'stop').stopTimeoutSec,
    ).toBe(3);
  });
});
