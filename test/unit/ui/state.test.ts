import { describe, expect, it } from 'vitest';
import type { ObservedWorkload } from '../../../src/engine/types.js';
import type { Project } from '../../../src/pipeline.js';
import { buildState, type StateInput } from '../../../src/ui/server/state.js';
import { workloadState } from '../../../src/ui/server/workload-state.js';
import { tempProject } from '../../support/project.js';
import { observedWorkload } from '../../support/fixtures.js';

const CANARY = 'canary-9f8e7d6c5b';

const yaml = `  db:
    kind: database
    engine: postgres
    password: ${CANARY}
  api:
    image: busybox:1.35
    env:
      API_TOKEN: ${CANARY}
      GREETING: "hello ${CANARY}"
    ports: ["8080"]
    depends_on: { db: healthy }
    resources: { memory: 64m, cpus: 0.5 }
  lab:
    kind: notebook
    notebook: nb
    token: nbtoken-123456
`;

function container(workload: string, over: Partial<ObservedWorkload> = {}): ObservedWorkload {
  return observedWorkload({
    id: `id-${workload}`,
    name: `demo-${workload}`,
    labels: { 'dev.pond.project': 'demo', 'dev.pond.workload': workload },
    state: 'running',
    image: 'busybox:1.35',
    restartCount: 0,
    ports: [],
    ...over,
  });
}

async function input(containers: ObservedWorkload[]): Promise<StateInput> {
  const { load } = await tempProject(yaml, { 'nb/.keep': '' });
  const project: Project = await load();
  return {
    spec: project.spec,
    edges: project.graph.edges,
    engine: 'unix:///var/run/docker.sock',
    watch: false,
    now: new Date('2026-01-02T03:04:05Z'),
    containers,
    scheduled: [],
    runs: {},
    queries: {},
  };
}

describe('ui state from an observed state', () => {
  it('lists every declared workload, missing ones as missing', async () => {
    const state = buildState(await input([container('api')]));
    expect(state.workloads.map((w) => [w.name, w.state])).toEqual([
      ['api', 'running'],
      ['db', 'missing'],
      ['lab', 'missing'],
    ]);
  });

  it('carries no secret value anywhere, while the notebook link keeps its token', async () => {
    const base = await input([]);
    const state = buildState({
      ...base,
      queries: { api: { columns: ['value'], rows: [[`x ${CANARY} y`]] } },
      containers: [
        container('api', {
          labels: { 'dev.pond.workload': 'api', note: CANARY },
          ports: [{ container: 8080, host: 32768, hostIp: '127.0.0.1', protocol: 'tcp' }],
        }),
        container('db', { health: 'healthy' }),
        container('lab', { ports: [{ container: 8888, host: 41000, hostIp: '127.0.0.1', protocol: 'tcp' }] }),
      ],
    });
    expect(JSON.stringify(state)).not.toContain(CANARY);
    expect(state.workloads.find((w) => w.name === 'lab')!.links[0]!.url).toContain('nbtoken-123456');
  });

  it("shows a database's connection with the password as •••• and copies no more than it shows", async () => {
    const db = buildState(await input([container('db', { health: 'healthy' })])).workloads.find(
      (w) => w.name === 'db',
    )!;
    expect(db.connection!.display).toMatch(/^postgres:\/\/pond:••••@127\.0\.0\.1:\d+\/pond$/);
    expect(db.connection!.copy).toBe(db.connection!.display);
    expect(db.state).toBe('healthy');
  });

  it("gives a service's published TCP port a URL and a link, on loopback", async () => {
    const api = buildState(
      await input([
        container('api', { ports: [{ container: 8080, host: 32768, hostIp: '0.0.0.0', protocol: 'tcp' }] }),
      ]),
    ).workloads.find((w) => w.name === 'api')!;
    expect(api.ports).toEqual([{ container: 8080, host: 32768, url: 'http://127.0.0.1:32768' }]);
    expect(api.links).toEqual([{ label: 'port 8080', url: 'http://127.0.0.1:32768' }]);
  });

  it('carries the dependency edges, resources and depends_on of pond.yaml', async () => {
    const state = buildState(await input([]));
    const api = state.workloads.find((w) => w.name === 'api')!;
    expect(state.edges).toEqual([{ from: 'api', to: 'db', condition: 'healthy' }]);
    expect(api.dependsOn).toEqual([{ name: 'db', condition: 'healthy' }]);
    expect(api.resources).toEqual({ memoryBytes: 64 * 1024 * 1024, cpus: 0.5 });
  });
});

describe('ui workload state word', () => {
  const c = (over: Partial<ObservedWorkload>): ObservedWorkload => container('x', over);
  it('a running container shows its health when it has a check', () => {
    expect(workloadState(c({}))).toBe('running');
    expect(workloadState(c({ health: 'unhealthy' }))).toBe('unhealthy');
  });
  it('exit 0 is completed, a stop is exited, another code or an OOM kill is failed', () => {
    expect(workloadState(c({ state: 'exited', exitCode: 0 }))).toBe('completed');
    expect(workloadState(c({ state: 'exited', exitCode: 143 }))).toBe('exited');
    expect(workloadState(c({ state: 'exited', exitCode: 1 }))).toBe('failed');
    expect(workloadState(c({ state: 'exited', exitCode: 137, oomKilled: true }))).toBe('failed');
  });
});
