import type { EngineCapabilities } from './types.js';

/** The backends pond knows by name; `docker` is the default. */
export type BackendName = 'docker' | 'swarm';

export const DEFAULT_BACKEND: BackendName = 'docker';

/** Every backend name, in the order messages list them. */
export const BACKEND_NAMES: readonly BackendName[] = ['docker', 'swarm'];

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}

/**
 * The placement constraint that pins a workload to pond's own node on a cluster, where the project
 * folder is: a workload that mounts host folders runs only there. The node carries the label
 * (`docker node update --label-add pond.node=1 <node>`).
 */
export const OWN_NODE_CONSTRAINT = 'node.labels.pond.node==1';

/**
 * What each backend can do, known without connecting to it: `pond validate` checks a pond.yaml
 * against the chosen backend's row, and each backend's `capabilities` is its row here (a test holds
 * them equal), so the two never disagree.
 */
export const BACKEND_CAPABILITIES: Readonly<Record<BackendName, EngineCapabilities>> = {
  docker: {
    localPorts: true,
    bindMounts: true,
    copyOut: true,
    stats: true,
    top: true,
    exec: true,
    attach: true,
    events: true,
    nodeLocalVolumes: true,
    inPlaceUpdate: false,
    networkModes: true,
    replicas: false,
  },
  swarm: {
    localPorts: false,
    bindMounts: false,
    copyOut: false,
    stats: false,
    top: false,
    exec: false,
    attach: false,
    events: false,
    nodeLocalVolumes: true,
    inPlaceUpdate: true,
    networkModes: false,
    replicas: true,
  },
};
