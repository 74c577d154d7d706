import { describe, expect, it } from 'vitest';
import { allReady, attempts, type TaskView } from '../../../bench/swarm-ready.js';
import { wantAt } from '../../../bench/swarm-sides.js';

const task = (workload: string, state: string, over: Partial<TaskView> = {}): TaskView => ({
  id: `${workload}-${state}-${over.env?.join() ?? ''}`,
  workload,
  desired: state === 'complete' || state === 'failed' ? 'shutdown' : 'running',
  state,
  env: workload === 'web' ? ['REV=0'] : [],
  ...over,
});

const up = [task('db', 'running'), task('seed', 'complete'), task('web', 'running')];

describe('bench swarm readiness', () => {
  it('is ready when db and web run and the seed completed', () => {
    expect(allReady(up, wantAt(0))).toBe(true);
  });

  it('is not ready while a health-checked task is still starting', () => {
    expect(allReady([task('db', 'running'), task('seed', 'complete'), task('web', 'starting')], wantAt(0))).toBe(false);
  });

  it('is not ready while the seed has only failed', () => {
    const failing = [task('db', 'running'), task('seed', 'failed'), task('web', 'running')];
    expect(allReady(failing, wantAt(0))).toBe(false);
  });

  it('is not ready while an old web task is still meant to run beside the new one', () => {
    const rolling = [...up, task('web', 'running', { env: ['REV=1'], id: 'new' })];
    expect(allReady(rolling, wantAt(1))).toBe(false);
  });

  it('is ready once every web task meant to run has the new env', () => {
    const rolled = [
      task('db', 'running'),
      task('seed', 'complete'),
      task('web', 'shutdown', { desired: 'shutdown' }),
      task('web', 'running', { env: ['REV=1'], id: 'new' }),
    ];
    expect(allReady(rolled, wantAt(1))).toBe(true);
  });

  it('counts a task seen in several polls once', () => {
    const seen = [task('seed', 'failed', { id: 'a' }), task('seed', 'failed', { id: 'a' }), task('seed', 'complete')];
    expect(attempts(seen, 'seed')).toBe(2);
  });
});
