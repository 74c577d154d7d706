import { describe, expect, it } from 'vitest';
import { actionsFor, outcomeText } from '../../../src/ui/page/actions.js';
import { matches } from '../../../src/ui/page/logs.js';

describe('ui page controls', () => {
  it('a bot offers run now, a query re-run, and every workload restart, stop and start', () => {
    expect(actionsFor({ name: 'trader', kind: 'bot' }).map((a) => a.path)).toEqual([
      '/api/bots/trader/run',
      '/api/workloads/trader/restart',
      '/api/workloads/trader/stop',
      '/api/workloads/trader/start',
    ]);
    expect(actionsFor({ name: 'q', kind: 'query' })[0]?.path).toBe('/api/queries/q/run');
    expect(actionsFor({ name: 'web', kind: 'service' }).map((a) => a.label)).toEqual(['Restart', 'Stop', 'Start']);
  });

  it('a workload name is escaped into its endpoint path', () => {
    expect(actionsFor({ name: 'a/b', kind: 'service' })[0]?.path).toBe('/api/workloads/a%2Fb/restart');
  });

  it('an outcome line carries the exit code', () => {
    expect(outcomeText('Re-run', { ok: false, message: 'query failed', exitCode: 2 })).toBe(
      'Re-run: failed: query failed (exit 2)',
    );
  });

  it('the log search matches text or workload, ignoring case', () => {
    const line = { workload: 'web', stream: 'stdout' as const, text: 'GET /Health 200' };
    expect(matches(line, 'health')).toBe(true);
    expect(matches(line, 'WEB')).toBe(true);
    expect(matches(line, 'db')).toBe(false);
  });
});
