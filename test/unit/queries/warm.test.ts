import { describe, expect, it, vi } from 'vitest';
import { LABEL } from '../../../src/labels.js';
import type { TaskSpec, Engine, ExecRequest, ObservedWorkload } from '../../../src/engine/types.js';
import { TimeoutError } from '../../../src/errors.js';
import { runWarm } from '../../../src/queries/warm.js';
import { warmSpec } from '../../../src/queries/warm-spec.js';
import { parseRequest, requestLine, splitHeader, headerLine } from '../../../src/workloads/query/runner/protocol.js';
import { observedWorkload } from '../../support/fixtures.js';

const template: TaskSpec = {
  name: 'p-sales',
  image: 'node:22-slim',
  command: ['node', '/opt/pond/query-runner.mjs'],
  env: {
    HOME: '/tmp',
    POND_SQL: 'select 1',
    POND_FORMAT: 'json',
    POND_OUTPUT: '/out/sales.json',
    POND_QUERY_HASH: 'abc',
  },
  ports: [],
  network: 'none',
  aliases: ['sales'],
  restart: 'no',
  init: true,
  stopTimeoutSec: 10,
  mounts: [
    { type: 'bind', source: '/p/data/a.csv', target: '/work/data/a.csv', readOnly: true },
    { type: 'bind', source: '/p/out', target: '/out', readOnly: false },
    { type: 'tmpfs', target: '/tmp' },
  ],
  resources: { memoryBytes: 512 << 20 },
  readOnlyRootfs: true,
  capDrop: ['ALL'],
  noNewPrivileges: true,
  pidsLimit: 256,
  labels: { [LABEL.project]: 'p', [LABEL.workload]: 'sales', [LABEL.identity]: 'id1', [LABEL.owner]: 'h/1' },
};

describe('warmSpec', () => {
  it("keeps the query container's isolation: network, hardening, limits and read-only inputs", () => {
    const w = warmSpec(template, 'r1');
    expect([w.network, w.readOnlyRootfs, w.capDrop, w.noNewPrivileges, w.pidsLimit, w.resources, w.user]).toEqual([
      template.network,
      true,
      ['ALL'],
      true,
      256,
      template.resources,
      template.user,
    ]);
    expect(w.mounts.filter((m) => m.type === 'bind').every((m) => m.type === 'bind' && m.readOnly)).toBe(true);
  });

  it('drops the output mount and the per-query env, and serves instead of running one query', () => {
    const w = warmSpec(template, 'r1');
    expect(w.mounts.map((m) => m.target)).toEqual(['/work/data/a.csv', '/tmp']);
    expect(w.env).toEqual({ HOME: '/tmp' });
    expect(w.command).toEqual(['node', '/opt/pond/query-runner.mjs', 'serve']);
  });

  it('is labelled a run named warm, without an owner, so the planner and abandoned-run cleanup leave it alone', () => {
    const w = warmSpec(template, 'r1');
    expect(w.name).toBe('p-sales-run-warm');
    expect(w.labels[LABEL.run]).toBe('warm');
    expect(w.labels[LABEL.owner]).toBeUndefined();
  });

  it('hashes what the runner is: the same for another SQL, new for another limit or runner build', () => {
    const hash = (t: TaskSpec, r = 'r1'): string | undefined => warmSpec(t, r).labels[LABEL.warm];
    expect(hash({ ...template, env: { ...template.env, POND_SQL: 'select 2', POND_QUERY_HASH: 'def' } })).toBe(
      hash(template),
    );
    expect(hash({ ...template, resources: { memoryBytes: 1 << 30 } })).not.toBe(hash(template));
    expect(hash(template, 'r2')).not.toBe(hash(template));
  });
});

describe('warm runner protocol', () => {
  it('a request survives its line; anything else is refused', () => {
    expect(parseRequest(requestLine({ sql: 'select 1', format: 'csv', explain: false, timeoutMs: 5 }).trim())).toEqual({
      sql: 'select 1',
      format: 'csv',
      explain: false,
      timeoutMs: 5,
    });
    expect(parseRequest('{"sql":"x","format":"xml"}')).toBeUndefined();
    expect(parseRequest('not json')).toBeUndefined();
  });

  it('a reply splits into its header and the raw result bytes, once the header line is complete', () => {
    const bytes = Buffer.from([0, 10, 255]);
    expect(splitHeader(Buffer.from('{"code":0'))).toBeUndefined();
    const split = splitHeader(Buffer.concat([Buffer.from(headerLine({ code: 0 })), bytes]))!;
    expect(split.header).toEqual({ code: 0 });
    expect(split.rest.equals(bytes)).toBe(true);
  });
});

describe('runWarm', () => {
  const running = (spec: TaskSpec): ObservedWorkload =>
    observedWorkload({
      id: 'c1',
      name: spec.name,
      labels: spec.labels,
      state: 'running',
      image: spec.image,
      restartCount: 0,
      ports: [],
    });

  it('a runner that does not answer past timeout and grace is removed, and the query fails with a timeout', async () => {
    vi.useFakeTimers();
    try {
      const removed: string[] = [];
      let endExec: (code: number) => void = () => undefined;
      const engine = {
        inspectWorkload: async () => running(warmSpec(template, 'unknown')),
        exec: (_id: string, _req: ExecRequest) =>
          new Promise<number>((_resolve, reject) => (endExec = () => reject(new Error('gone')))),
        removeWorkload: async (id: string) => (removed.push(id), endExec(0)),
      } as unknown as Engine;
      const tpl = { ...template, mounts: template.mounts.filter((m) => m.target !== '/opt/pond/query-runner.mjs') };
      const done = runWarm(engine, tpl, 'query sales', {
        sql: 'select 1',
        format: 'csv',
        explain: false,
        timeoutMs: 1000,
      }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1000 + 3000);
      const err = await done;
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as Error).message).toContain('did not answer');
      expect(removed).toEqual(['c1']);
    } finally {
      vi.useRealTimers();
    }
  });
});
