import { describe, expect, it } from 'vitest';
import type { SwarmTask } from '../../../../src/engine/swarm/api.js';
import { endedExit } from '../../../../src/engine/swarm/wait.js';

const task = (state: SwarmTask['Status']['State'], exitCode?: number): SwarmTask => ({
  ID: `t-${state}-${exitCode}`,
  ServiceID: 'svc1',
  DesiredState: 'remove',
  Status: { State: state, ...(exitCode === undefined ? {} : { ContainerStatus: { ExitCode: exitCode } }) },
});

describe('the exit code a scaled-down service ended with', () => {
  it('is the newest ended task’s', () => {
    expect(endedExit([task('shutdown', 3), task('shutdown', 0)])).toBe(3);
  });

  it('is not read from a task still running: 0 while it runs, -1 once its agent stopped waiting on it', () => {
    expect(endedExit([task('running', -1), task('running', 0)])).toBeUndefined();
    expect(endedExit([task('running', -1), task('shutdown', 143)])).toBe(143);
  });

  it('skips an ended task whose code Docker did not know (-1)', () => {
    expect(endedExit([task('shutdown', -1), task('complete', 0)])).toBe(0);
    expect(endedExit([task('shutdown', -1)])).toBeUndefined();
  });

  it('is unknown while no task has ended', () => {
    expect(endedExit([])).toBeUndefined();
    expect(endedExit([task('allocated'), task('starting', 0)])).toBeUndefined();
  });
});
