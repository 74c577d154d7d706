import { describe, expect, it } from 'vitest';
import { jsonProgress } from '../../../src/cli/progress-json.js';
import type { Step } from '../../../src/plan/types.js';

const step = { id: 'container:web', action: 'create', resource: 'container', name: 'web' } as Step;
const at = new Date('2026-01-02T03:04:05.000Z');

describe('jsonProgress', () => {
  const lines = (events: Parameters<ReturnType<typeof jsonProgress>['onEvent']>[0][]): unknown[] => {
    const out: string[] = [];
    const p = jsonProgress(
      (l) => out.push(l),
      () => at,
    );
    for (const e of events) p.onEvent(e);
    return out.map((l) => JSON.parse(l));
  };

  it('writes one JSON object a line with the same keys on every line', () => {
    const got = lines([
      { step, status: 'running' },
      { step, status: 'done' },
    ]) as Record<string, unknown>[];
    expect(got.map((o) => Object.keys(o).sort())).toEqual([
      ['action', 'message', 'name', 'resource', 'status', 'step', 'time'],
      ['action', 'message', 'name', 'resource', 'status', 'step', 'time'],
    ]);
    expect(got[1]).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      step: 'container:web',
      action: 'create',
      resource: 'container',
      name: 'web',
      status: 'done',
      message: null,
    });
  });

  it('a failure carries its error message, a reached condition its name', () => {
    const got = lines([
      { step, status: 'failed', error: new Error('no such image') },
      { step, status: 'reached', condition: 'healthy' },
    ]) as { message: string }[];
    expect(got.map((o) => o.message)).toEqual(['no such image', 'healthy']);
  });
});
