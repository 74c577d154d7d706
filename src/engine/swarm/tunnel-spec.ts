import type { TaskSpec } from '../types.js';

/** The tunnel's container: idle until a connection execs into it, on the overlay network, hardened. */
export function taskSpecOf(name: string, image: string, network: string, labels: Record<string, string>): TaskSpec {
  return {
    name,
    image,
    command: ['sleep', '2147483647'],
    env: {},
    ports: [],
    mounts: [],
    resources: { memoryBytes: 32 * 1024 * 1024 },
    network,
    aliases: [],
    restart: 'no',
    init: true,
    stopTimeoutSec: 1,
    labels,
    capDrop: ['ALL'],
    noNewPrivileges: true,
    readOnlyRootfs: true,
  };
}
