import { describe, expect, it } from 'vitest';
import type { Engine, ObservedState } from '../../../src/engine/types.js';
import { withEarlyObserve } from '../../../src/session/prefetch.js';

/** An engine whose observe counts its calls and answers with the call's number as a volume name. */
function countingEngine(fail = false): { engine: Engine; calls: string[] } {
  const calls: string[] = [];
  const observe = async (project: string): Promise<ObservedState> => {
    calls.push(project);
    if (fail) throw new Error('engine said no');
    return { workloads: [], networks: [], volumes: [{ name: `snapshot-${calls.length}`, labels: {} }] };
  };
  return { engine: { observe } as unknown as Engine, calls };
}

describe('withEarlyObserve', () => {
  it('asks for the snapshot at once, before anyone calls observe', () => {
    const { engine, calls } = countingEngine();
    withEarlyObserve(engine, 'app');
    expect(calls).toEqual(['app']);
  });

  it('serves the early snapshot to the first observe of that project, then asks the engine again', async () => {
    const { engine, calls } = countingEngine();
    const early = withEarlyObserve(engine, 'app');
    expect((await early.observe('app')).volumes[0]?.name).toBe('snapshot-1');
    expect((await early.observe('app')).volumes[0]?.name).toBe('snapshot-2');
    expect(calls).toEqual(['app', 'app']);
  });

  it('asks the engine afresh for another project', async () => {
    const { engine, calls } = countingEngine();
    const early = withEarlyObserve(engine, 'app');
    await early.observe('other');
    expect(calls).toEqual(['app', 'other']);
  });

  it("hands the early call's failure to the observe that takes it", async () => {
    const { engine } = countingEngine(true);
    const early = withEarlyObserve(engine, 'app');
    await expect(early.observe('app')).rejects.toThrow('engine said no');
  });
});
