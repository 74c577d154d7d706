import { buildDesired } from '../../src/desired/desired.js';
import type { DesiredState } from '../../src/desired/types.js';
import type { ObservedWorkload, ObservedState } from '../../src/engine/types.js';
import { buildGraph } from '../../src/graph/graph.js';
import type { ProjectSpec, WorkloadSpec } from '../../src/model/types.js';
import type { Step } from '../../src/plan/types.js';
import type { Connection } from '../../src/workloads/database/expand.js';

/** A service workload with every default filled in, overridable field by field. */
export function workload(name: string, over: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    name,
    kind: 'service',
    image: 'busybox:1.35',
    env: {},
    sensitive: [],
    ports: [],
    mounts: [],
    resources: {},
    network: 'default',
    dependsOn: {},
    restart: 'no',
    labels: {},
    init: true,
    stopTimeoutSec: 10,
    ...over,
  };
}

export function project(workloads: WorkloadSpec[], volumes: string[] = [], name = 'demo'): ProjectSpec {
  return {
    name,
    dir: '/srv/demo',
    files: ['/srv/demo/pond.yaml'],
    workloads,
    volumes: volumes.map((v) => ({ name: v, external: false, labels: {} })),
    sources: ['/srv/demo/pond.yaml'],
    secretValues: workloads.flatMap((w) => w.sensitive.map((k) => w.env[k]!).filter(Boolean)),
  };
}

export function desiredOf(spec: ProjectSpec): DesiredState {
  return buildDesired(spec, buildGraph(spec, { locate: () => undefined, data: {} }));
}

let seq = 0;

/** What the engine would report after a successful up of `desired`: all running, same labels. */
export function observedFrom(
  desired: DesiredState,
  over: Record<string, Partial<ObservedWorkload>> = {},
): ObservedState {
  return {
    workloads: desired.containers.map((c) =>
      observedWorkload({
        id: `id${String(++seq).padStart(10, '0')}${c.workload}`,
        name: c.spec.name,
        labels: c.spec.labels,
        state: 'running' as const,
        image: c.spec.image,
        restartCount: 0,
        ports: [],
        ...over[c.workload],
      }),
    ),
    volumes: desired.volumes.map((v) => ({ name: v.name, labels: v.labels })),
    networks: desired.networks.map((n) => ({ id: `net-${n.name}`, name: n.name, labels: n.labels })),
  };
}

export const EMPTY: ObservedState = { workloads: [], volumes: [], networks: [] };

/** An observed workload as the Docker backend reports one: its version is its id, its one instance itself. */
export function observedWorkload(
  w: Omit<ObservedWorkload, 'version' | 'instances'> & Partial<Pick<ObservedWorkload, 'version' | 'instances'>>,
): ObservedWorkload {
  const instance = {
    id: w.id,
    state: w.state,
    ...(w.health && { health: w.health }),
    ...(w.exitCode !== undefined && { exitCode: w.exitCode }),
    ...(w.startedAt && { startedAt: w.startedAt }),
  };
  return { version: w.id, instances: [instance], ...w };
}

/** A plan's step as the variant a test expects (`stepIs(s, 'container', 'replace').container`); throws when it is another. */
export function stepIs<R extends Step['resource'], A extends Extract<Step, { resource: R }>['action']>(
  step: Step | undefined,
  resource: R,
  action: A,
): Extract<Step, { resource: R }> & { action: A } {
  if (!step || step.resource !== resource || step.action !== action)
    throw new Error(`expected a ${resource} ${action} step, got ${step ? `${step.resource} ${step.action}` : 'none'}`);
  return step as Extract<Step, { resource: R }> & { action: A };
}

/** A postgres connection as a database's facts carry it (password "s3cret"). */
export const connection: Connection = {
  engine: 'postgres',
  host: 'db',
  port: 5432,
  hostPort: 25432,
  user: 'pond',
  password: 's3cret',
  database: 'app',
  scheme: 'postgres',
};
