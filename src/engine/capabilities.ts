import type { EngineCapabilities } from './types.js';

/** The backends pond knows by name; `docker` is the default and, today, the only one. */
export type BackendName = 'docker';

export const DEFAULT_BACKEND: BackendName = 'docker';

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
  },
};
