import { describe, expect, it } from 'vitest';
import { decide, liveRuns } from '../../../src/bots/concurrency.js';
import { manualSpec } from '../../../src/bots/manual-spec.js';
import { LABEL } from '../../../src/labels.js';
import type { TaskSpec, ObservedWorkload, ObservedState } from '../../../src/engine/types.js';
import { observedWorkload } from '../../support/fixtures.js';

const container = (
  id: string,
  labels: Record<string, string>,
  state: ObservedWorkload['state'] = 'running',
): ObservedWorkload => observedWorkload({ id, name: id, labels, state, image: 'i', restartCount: 0, ports: [] });
const run = (id: string, bot: string, state?: ObservedWorkload['state']): ObservedWorkload =>
  container(`c-${id}`, { [LABEL.workload]: bot, [LABEL.run]: id }, state);
const observed = (...containers: ObservedWorkload[]): ObservedState => ({
  workloads: containers,
  volumes: [],
  networks: [],
});

describe('runs in progress as the engine shows them', () => {
  it("are the bot's run containers not yet exited, oldest first", () => {
    const o = observed(
      run('r2', 'report'),
      run('r1', 'report', 'created'),
      run('r0', 'report', 'exited'),
      run('x', 'other'),
      container('standing', { [LABEL.workload]: 'report' }),
    );
    expect(liveRuns(o, 'report')).toEqual([
      { id: 'r1', container: 'c-r1' },
      { id: 'r2', container: 'c-r2' },
    ]);
  });

  it('under forbid refuse a manual run naming the newest one; replace stops them all; allow overlaps', () => {
    const ids = liveRuns(observed(run('r1', 'b'), run('r2', 'b')), 'b').map((r) => r.id);
    expect(decide('forbid', ids)).toEqual({ action: 'skip', reason: 'run r2 is still going (concurrency: forbid)' });
    expect(decide('replace', ids)).toEqual({ action: 'replace', stop: ['r1', 'r2'] });
    expect(decide('allow', ids)).toEqual({ action: 'start' });
  });
});

describe('a manual bot run with a command', () => {
  const spec = {
    name: 'p-b-run-1',
    entrypoint: ['sh', '-c', 'setup && exec python3 /app/main.py'],
    env: {},
  } as unknown as TaskSpec;

  it("runs the command after the bot's setup, in place of its code", () => {
    const s = manualSpec(spec, { command: ['ls', '-l'], env: {} });
    expect(s.entrypoint?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(s.entrypoint?.[2]).toMatch(/\/pond\/config\.json && cd \/pond\/work && exec "\$@"$/);
    expect(s.entrypoint?.[3]).toBe('sh');
    expect(s.command).toEqual(['ls', '-l']);
  });

  it('with --entrypoint, runs exactly what was asked', () => {
    expect(manualSpec(spec, { command: ['-c', 'id'], entrypoint: ['sh'], env: {} })).toMatchObject({
      entrypoint: ['sh'],
      command: ['-c', 'id'],
    });
  });

  it("without one, keeps the bot's own start", () => {
    expect(manualSpec(spec, { env: {} }).entrypoint).toEqual(spec.entrypoint);
  });
});
