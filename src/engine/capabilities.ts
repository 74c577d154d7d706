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
 * What each backend can do, known without connecting to it: `pond validate` checks a pond.yaml
 * against the chosen backend's row, and each backend's `capabilities` is its row here (a test holds
 * them equal), so the two never disagree.
 */
export const BACKEND_CAPABILITIES: Readonly<Record<BackendName, EngineCapabilities>> = {
  docker: {
    localPorts: true,
    bindMounts: true,
    readOnlyFiles: true,
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
    registry: false,
    noNetwork: true,
    runResults: true,
  },
  swarm: {
    localPorts: false,
    bindMounts: false,
    readOnlyFiles: true,
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
    registry: true,
    noNetwork: true,
    runResults: true,
  },
};
