import { describe, expect, it, vi } from 'vitest';
import type { ObservedWorkload } from '../../../src/engine/types.js';
import type { WorkloadSpec } from '../../../src/model/types.js';
import { buildState, type StateInput } from '../../../src/ui/server/state.js';
import type { KindDefinition } from '../../../src/workloads/kind.js';
import { observedWorkload, workload } from '../../support/fixtures.js';

/** A kind src/ui/ has never heard of: registered here only, with a page and a client connection. */
const tracker = vi.hoisted((): KindDefinition<{ port: number }> => ({
  name: 'tracker',
  schema: { description: 'test kind', properties: {} },
  expand: () => undefined,
  links: (facts, mask) => [
    { label: 'board', url: `http://127.0.0.1:${facts.port}/board` },
    { label: 'api', url: `tracker://admin:${encodeURIComponent(mask)}@127.0.0.1:${facts.port}`, connection: true },
  ],
}));

vi.mock('../../../src/workloads/registry.js', async (original) => {
  const real = await original<typeof import('../../../src/workloads/registry.js')>();
  return { ...real, KINDS: [...real.KINDS, tracker as KindDefinition<unknown>] };
});

const spec = workload('issues', { kind: 'tracker', tracker: { port: 29000 } } as Partial<WorkloadSpec>);

function input(state: ObservedWorkload['state']): StateInput {
  return {
    spec: { name: 'demo', workloads: [spec], secretValues: [] },
    edges: [],
    engine: 'unix:///var/run/docker.sock',
    watch: false,
    now: new Date('2026-01-02T03:04:05Z'),
    containers: [
      observedWorkload({
        id: 'id-issues',
        name: 'demo-issues',
        labels: { 'dev.pond.project': 'demo', 'dev.pond.workload': 'issues' },
        state,
        image: 'busybox:1.35',
        restartCount: 0,
        ports: [{ container: 9000, host: 29000, hostIp: '127.0.0.1', protocol: 'tcp' }],
      }),
    ],
    scheduled: [],
    runs: {},
    queries: {},
  };
}

describe('the dashboard asks the kind registry for a workload’s addresses', () => {
  it("a running workload of a kind unknown to src/ui/ shows that kind's labelled pages as its links", () => {
    const [w] = buildState(input('running')).workloads;
    expect(w!.links).toEqual([{ label: 'board', url: 'http://127.0.0.1:29000/board' }]);
  });

  it("the kind's connection string is shown masked as the connection, never as a link", () => {
    const [w] = buildState(input('running')).workloads;
    expect(w!.connection).toEqual({
      display: 'tracker://admin:••••@127.0.0.1:29000',
      copy: 'tracker://admin:••••@127.0.0.1:29000',
    });
  });

  it('a kind with its own addresses gets no port URLs, and no links while it is not running', () => {
    const [w] = buildState(input('exited')).workloads;
    expect([w!.links, w!.ports]).toEqual([[], [{ container: 9000, host: 29000 }]]);
  });
});
