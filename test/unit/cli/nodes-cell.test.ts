import { describe, expect, it } from 'vitest';
import { nodesCell, psTable, type WorkloadStatus } from '../../../src/cli/status.js';

const row = (instances?: WorkloadStatus['instances']): WorkloadStatus => ({
  workload: 'api',
  kind: 'service',
  container: 'demo-api',
  id: 'abc',
  state: 'running',
  health: '',
  ports: [],
  image: 'busybox:1.35',
  restarts: 0,
  ...(instances && { instances }),
});

describe("pond ps on a cluster: where each workload's tasks run", () => {
  it('counts running tasks and names their nodes', () => {
    const r = row([
      { node: 'node-3', state: 'running' },
      { node: 'node-1', state: 'running' },
    ]);
    expect(nodesCell(r)).toBe('2/2 on node-1, node-3');
  });

  it('says plainly what holds a task back (a database whose node is gone)', () => {
    const r = row([
      { node: 'node-2', state: 'created', message: 'no suitable node (scheduling constraints not satisfied)' },
    ]);
    expect(nodesCell(r)).toBe('0/1: no suitable node (scheduling constraints not satisfied)');
  });

  it('adds a TASKS column only when some workload runs on a cluster', () => {
    expect(psTable([row()])[0]).not.toContain('TASKS');
    expect(psTable([row([{ node: 'n', state: 'running' }])])[0]?.slice(0, 3)).toEqual(['WORKLOAD', 'STATE', 'TASKS']);
  });
});
