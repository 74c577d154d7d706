import { describe, expect, it } from 'vitest';
import type { ObservedWorkload } from '../../../src/engine/types.js';
import { UsageError } from '../../../src/errors.js';
import { pick, pickRunning, standing } from '../../../src/cli/select.js';
import { pullTargets } from '../../../src/cli/pull-set.js';
import type { DesiredContainer } from '../../../src/desired/types.js';
import { observedWorkload } from '../../support/fixtures.js';

const c = (
  workload: string,
  extra: Partial<ObservedWorkload> = {},
  labels: Record<string, string> = {},
): ObservedWorkload =>
  observedWorkload({
    id: workload,
    name: `p-${workload}`,
    state: 'running',
    image: 'busybox:1.35',
    restartCount: 0,
    ports: [],
    labels: { 'dev.pond.project': 'p', 'dev.pond.workload': workload, ...labels },
    ...extra,
  });

describe('choosing workloads for the per-workload commands', () => {
  it('leaves one-off runs out and sorts by workload', () => {
    expect(standing([c('web'), c('bot', {}, { 'dev.pond.run': 'r1' }), c('db')]).map((w) => w.workload)).toEqual([
      'db',
      'web',
    ]);
  });

  it('an unknown workload is a UsageError (exit 3) naming the workloads that have a container', () => {
    const all = standing([c('web'), c('db')]);
    expect(pick(all, [], 'p').length).toBe(2);
    expect(() => pick(all, ['web', 'nope'], 'p')).toThrow(UsageError);
    expect(() => pick(all, ['nope'], 'p')).toThrow('no container for workload "nope" in project "p"');
    try {
      pick(all, ['nope'], 'p');
    } catch (e) {
      expect((e as UsageError).hint).toBe('workloads with a container: db, web');
      expect((e as UsageError).exitCode).toBe(3);
    }
  });

  it('a workload that is not running is a UsageError for top and port', () => {
    expect(() => pickRunning(standing([c('seed', { state: 'exited' })]), 'seed', 'p')).toThrow(
      'workload "seed" is not running (its container is exited)',
    );
    expect(pickRunning(standing([c('web')]), 'web', 'p').container.id).toBe('web');
  });
});

const desired = (workload: string, image: string): DesiredContainer =>
  ({ workload, spec: { image } }) as unknown as DesiredContainer;

describe('the images pond pull fetches', () => {
  const all = [
    desired('web', 'busybox:1.35'),
    desired('bot', 'node:20-slim'),
    desired('report', 'node:20-slim'),
    desired('db', 'postgres:15'),
  ];

  it('one per distinct image, sorted, naming the workloads that use it', () => {
    expect(pullTargets(all, [], 'p')).toEqual([
      { image: 'busybox:1.35', workloads: ['web'] },
      { image: 'node:20-slim', workloads: ['bot', 'report'] },
      { image: 'postgres:15', workloads: ['db'] },
    ]);
  });

  it("only the named workloads' images; an undeclared name is a UsageError", () => {
    expect(pullTargets(all, ['report', 'web'], 'p')).toEqual([
      { image: 'busybox:1.35', workloads: ['web'] },
      { image: 'node:20-slim', workloads: ['report'] },
    ]);
    expect(() => pullTargets(all, ['nope'], 'p')).toThrow(UsageError);
  });
});
