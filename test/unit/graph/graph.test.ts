import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../../src/errors.js';
import { buildGraph, topoOrder } from '../../../src/graph/graph.js';
import { project, workload } from '../../support/fixtures.js';

const at = (path: (string | number)[]) => ({ file: 'pond.yaml', line: path.length, col: String(path.at(-1)).length });
const cfg = (data: Record<string, unknown> = {}) => ({ locate: at, data });
const errorsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    return (e as ConfigError).diagnostics.map((d) => `${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
  }
  throw new Error('expected a ConfigError');
};

describe('buildGraph', () => {
  it('orders dependencies first and breaks ties by name, the same way every time', () => {
    const spec = project([
      workload('web', { dependsOn: { db: 'started', cache: 'started' } }),
      workload('db'),
      workload('cache'),
      workload('a'),
    ]);
    expect(buildGraph(spec, cfg()).order).toEqual(['a', 'cache', 'db', 'web']);
    expect(topoOrder(['c', 'b', 'a'], [])).toEqual(['a', 'b', 'c']);
  });

  it('reports a cycle as its path, once', () => {
    const spec = project([
      workload('a', { dependsOn: { b: 'started' } }),
      workload('b', { dependsOn: { c: 'started' } }),
      workload('c', { dependsOn: { a: 'started' } }),
      workload('d'),
    ]);
    expect(errorsOf(() => buildGraph(spec, cfg()))).toEqual([
      'dependency-cycle: dependency cycle: a → b → c → a (remove one of these depends_on entries)',
    ]);
  });

  it('reports an unknown dependency with a suggestion, at the entry in a list form', () => {
    const spec = project([workload('web', { dependsOn: { dbb: 'started' } }), workload('db')]);
    const data = { workloads: { web: { depends_on: ['dbb'] } } };
    let location: unknown;
    try {
      buildGraph(spec, { locate: (p) => ((location = p), at(p)), data });
    } catch (e) {
      expect((e as ConfigError).diagnostics[0]!.message).toBe('workload "web" depends on "dbb", which is not defined');
      expect((e as ConfigError).diagnostics[0]!.hint).toBe('did you mean "db"? (defined workloads: web, db)');
    }
    expect(location).toEqual(['workloads', 'web', 'depends_on', 0]);
  });

  it('refuses to wait for a workload to complete when it restarts whenever it exits', () => {
    const spec = project([
      workload('web', { dependsOn: { job: 'completed' } }),
      workload('job', { restart: 'always' }),
    ]);
    expect(errorsOf(() => buildGraph(spec, cfg()))).toEqual([
      'never-completes: "web" waits for "job" to complete, but "job" restarts whenever it exits (restart: always) (give "job" restart: "no" or on-failure, or wait for `job: started`)',
    ]);
  });

  it('refuses to wait for health on a workload without a health check', () => {
    const spec = project([workload('web', { dependsOn: { db: 'healthy' } }), workload('db')]);
    expect(errorsOf(() => buildGraph(spec, cfg()))).toEqual([
      'no-health-check: "web" waits for "db" to be healthy, but "db" has no health check (add `health:` to "db", or use `db: started`)',
    ]);
  });
});
