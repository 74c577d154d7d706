import { describe, expect, it } from 'vitest';
import type { SwarmService, SwarmTask } from '../../../../src/engine/swarm/api.js';
import { toObserved } from '../../../../src/engine/swarm/observe.js';
import { toServiceSpec } from '../../../../src/engine/swarm/service-spec.js';
import { taskSpec } from '../../../support/task-spec.js';

const service = (over: Partial<SwarmService['Spec']> = {}, replicas = 2): SwarmService => {
  const spec = toServiceSpec({ ...taskSpec('demo', 'web'), replicas });
  return { ID: 'svc1', Version: { Index: 17 }, Spec: { ...spec, ...over } };
};
const task = (
  id: string,
  slot: number,
  state: SwarmTask['Status']['State'],
  over: Partial<SwarmTask> = {},
): SwarmTask => ({
  ID: id,
  ServiceID: 'svc1',
  NodeID: `node${slot}`,
  Slot: slot,
  Version: { Index: Number(id.replace(/\D/g, '')) },
  DesiredState: 'running',
  Status: { State: state, Timestamp: `2026-12-01T10:00:0${slot}Z` },
  ...over,
});
const nodes = [1, 2].map((n) => ({ ID: `node${n}`, Description: { Hostname: `host-${n}` } }));

describe('a Swarm service observed as a workload', () => {
  it('is running with one instance per slot, each on its node, the service version as its version', () => {
    const w = toObserved(service(), [task('t1', 1, 'running'), task('t2', 2, 'running')], nodes);
    expect([w.state, w.version, w.image]).toEqual(['running', '17', 'busybox:1.35']);
    expect(w.instances.map((i) => [i.id, i.node, i.state])).toEqual([
      ['t2', 'host-2', 'running'],
      ['t1', 'host-1', 'running'],
    ]);
    expect(w.startedAt).toBe('2026-12-01T10:00:01Z');
  });

  it('keeps only the newest task of a slot (an older one replaced by an update or a restart)', () => {
    const old = task('t1', 1, 'shutdown', { DesiredState: 'shutdown' });
    const w = toObserved(service({}, 1), [old, task('t5', 1, 'running')], nodes);
    expect(w.instances.map((i) => i.id)).toEqual(['t5']);
  });

  it('reads exited with the exit code once scaled to 0 by a stop', () => {
    const stopped = service({ Mode: { Replicated: { Replicas: 0 } } });
    const t = task('t1', 1, 'shutdown', { DesiredState: 'shutdown' });
    t.Status.ContainerStatus = { ExitCode: 143 };
    expect(toObserved(stopped, [t], nodes)).toMatchObject({ state: 'exited', exitCode: 143 });
  });

  it('reads exited 0 for a one-shot whose task completed', () => {
    const t = task('t1', 1, 'complete', { DesiredState: 'shutdown' });
    t.Status.ContainerStatus = { ExitCode: 0 };
    expect(toObserved(service({}, 1), [t], nodes)).toMatchObject({ state: 'exited', exitCode: 0 });
  });

  it('is restarting while a failed task is being replaced, and counts the failures', () => {
    const failed = task('t1', 1, 'failed', { DesiredState: 'shutdown' });
    const w = toObserved(service({}, 1), [failed, task('t2', 1, 'pending')], nodes);
    expect([w.state, w.restartCount]).toEqual(['restarting', 1]);
  });

  it('with a health check: starting while its task is held in starting, healthy once running', () => {
    const health = { probe: { exec: ['true'] }, intervalMs: 1000, timeoutMs: 1000, retries: 1, startPeriodMs: 0 };
    const spec = toServiceSpec(taskSpec('demo', 'web', { health }));
    const s: SwarmService = { ID: 'svc1', Version: { Index: 3 }, Spec: spec };
    expect(toObserved(s, [task('t1', 1, 'starting')], nodes).health).toBe('starting');
    expect(toObserved(s, [task('t1', 1, 'running')], nodes).health).toBe('healthy');
  });
});
