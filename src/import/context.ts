import type { Data } from './words.js';

/** What converting one service needs to know of the whole Compose file. */
export interface ServiceContext {
  /** The service's pond name (lowercased). */
  name: string;
  /** Compose name → pond name of every service, for depends_on and network_mode. */
  services: Map<string, string>;
  /** Compose name → pond name of the top-level volumes. */
  volumes: Map<string, string>;
  /** Declares a named volume the service needs (an anonymous one), by pond name. */
  addVolume(name: string): void;
  secrets: Data;
  configs: Data;
  /** The name `docker compose build` gives a built image: `<project>-<service>`. */
  builtImage: string;
}

/** Adds an `unsafe:` opt-in to the workload being written (once). */
export function optIn(out: Data, what: 'outside-project' | 'docker-socket' | 'host-network'): void {
  const list = (out.unsafe as string[] | undefined) ?? [];
  if (!list.includes(what)) out.unsafe = [...list, what];
}
