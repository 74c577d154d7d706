import { describe, expect, it } from 'vitest';
import { execTarget } from '../../../src/cli/exec-target.js';
import type { ObservedWorkload } from '../../../src/engine/types.js';
import { observedWorkload } from '../../support/fixtures.js';

const box = (workload: string, over: Partial<ObservedWorkload> = {}): ObservedWorkload =>
  observedWorkload({
    id: `id-${workload}`,
    name: `demo-${workload}`,
    labels: { 'dev.pond.project': 'demo', 'dev.pond.workload': workload },
    state: 'running',
    image: 'busybox:1.35',
    restartCount: 0,
    ports: [],
    ...over,
  });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const err = e as { message: string; hint?: string; exitCode: number };
    return { message: err.message, hint: err.hint, exitCode: err.exitCode };
  }
  throw new Error('expected a refusal');
};

describe('execTarget: which container pond exec runs in', () => {
  it('is the running container pond manages for the workload, not a one-off run of it', () => {
    const run = box('bot', {
      id: 'id-run',
      labels: { 'dev.pond.project': 'demo', 'dev.pond.workload': 'bot', 'dev.pond.run': 'r1' },
    });
    expect(execTarget('bot', ['bot'], [run, box('bot')]).id).toBe('id-bot');
  });

  it('refuses an unknown workload, naming the known ones (declared or on the engine)', () => {
    expect(refusal(() => execTarget('wbe', ['web', 'db'], [box('old')]))).toEqual({
      message: 'no workload "wbe" in this project',
      hint: 'workloads: db, old, web',
      exitCode: 3,
    });
  });

  it('refuses a declared workload without a container: run pond up first', () => {
    expect(refusal(() => execTarget('web', ['web'], []))).toEqual({
      message: 'workload "web" has no container',
      hint: 'run pond up first',
      exitCode: 3,
    });
  });

  it('refuses a workload whose only container is a one-off run', () => {
    const run = box('bot', {
      labels: { 'dev.pond.project': 'demo', 'dev.pond.workload': 'bot', 'dev.pond.run': 'r1' },
    });
    expect(refusal(() => execTarget('bot', ['bot'], [run])).message).toBe('workload "bot" has no container');
  });

  it('refuses a stopped container, saying how to start it', () => {
    expect(refusal(() => execTarget('web', ['web'], [box('web', { state: 'exited' })]))).toEqual({
      message: 'workload "web" is not running (exited)',
      hint: 'stopped: pond start web',
      exitCode: 3,
    });
  });
});
