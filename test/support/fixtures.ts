import { buildDesired } from '../../src/desired/desired.js';
import type { DesiredState } from '../../src/desired/types.js';
import type { ObservedWorkload, ObservedState } from '../../src/engine/types.js';
import { buildGraph } from '../../src/graph/graph.js';
import type { ProjectSpec, WorkloadSpec } from '../../src/model/types.js';

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
  return { name, dir: '/srv/demo', files: ['/srv/demo/pond.yaml'], workloads, volumes: volumes.map((v) => ({ name: v, external: false, labels: {} })), sources: ['/srv/demo/pond.yaml'], secretValues: workloads.flatMap((w) => w.sensitive.map((k) => w.env[k]!).filter(Boolean)) };
}

export function desiredOf(spec: ProjectSpec): DesiredState {
  return buildDesired(spec, buildGraph(spec, { locate: () => undefined, data: {} }));
}

let seq = 0;

/** What the engine would report after a successful up of `desired`: all running, same labels. */
export function observedFrom(desired: DesiredState, over: Record<string, Partial<ObservedWorkload>> = {}): ObservedState {
  return {
    workloads: desired.containers.map((c) => ({
      id: `id${String(++seq).padStart(10, '0')}${c.workload}`,
      name: c.spec.name,
      labels: c.spec.labels,
      state: 'running' as const,
      image: c.spec.image,
      restartCount: 0,
      ports: [],
      ...over[c.workload],
    })),
    volumes: desired.volumes.map((v) => ({ name: v.name, labels: v.labels })),
    networks: desired.networks.map((n) => ({ id: `net-${n.name}`, name: n.name, labels: n.labels })),
  };
}

export const EMPTY: ObservedState = { workloads: [], volumes: [], networks: [] };
