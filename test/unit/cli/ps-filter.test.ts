import { describe, expect, it } from 'vitest';
import { byStates, checkStates, quietLines } from '../../../src/cli/ps-filter.js';
import { UsageError } from '../../../src/errors.js';

const rows = [
  { workload: 'a', state: 'running', id: 'aaaaaaaaaaaa' },
  { workload: 'b', state: 'exited (137, OOM-killed)', id: 'bbbbbbbbbbbb' },
  { workload: 'c', state: 'restarting (exit 1, 3 restarts)', id: 'cccccccccccc' },
  { workload: 'd', state: 'missing', id: '' },
];

describe('pond ps filters', () => {
  it('--status keeps the rows whose engine state is one of those given', () => {
    expect(byStates(rows, ['exited']).map((r) => r.workload)).toEqual(['b']);
    expect(byStates(rows, ['running', 'restarting']).map((r) => r.workload)).toEqual(['a', 'c']);
  });

  it('no --status keeps every row, missing ones included', () => {
    expect(byStates(rows, [])).toHaveLength(4);
  });

  it('a state docker does not have is a usage error', () => {
    expect(() => checkStates(['stopped'])).toThrow(UsageError);
  });

  it('-q prints one id per container, none for a workload without one', () => {
    expect(quietLines(rows)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc']);
  });
});
