import type {
  Carry,
  Condition,
  Hardening,
  HealthSpec,
  Probe,
  PortBinding,
  ResourceSpec,
  RestartPolicy,
  RuntimeSettings,
} from '../engine/types.js';
import type { BackendName } from '../engine/capabilities.js';
import type { RawWorkload } from './raw.js';

/** A key of `resources:` (memory, cpus, cpu_shares): what a kind's defaults may fill in. */
export type ResourceKey = keyof NonNullable<RawWorkload['resources']>;

/**
 * What a kind tells the rest of pond about one of its workloads, keyed by the kind's name. Empty here
 * on purpose: the model names no kind. Each kind's folder adds its key by declaration merging
 * (`declare module` in src/workloads/<kind>/index.ts), so adding a kind never edits the model.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging, one key per kind
export interface KindFacts {}

/** A mount as the user means it: `volume` sources are logical names from the top-level `volumes:`. */
export type MountSpec =
  | { type: 'volume'; source: string; target: string; readOnly: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean; carry?: Carry }
  | { type: 'tmpfs'; target: string; sizeBytes?: number };

export type UnsafeOptIn = 'host-network' | 'outside-project' | 'docker-socket';

/** `workload:NAME`: the container joins NAME's network namespace (and so starts after it). */
export type SharedNetwork = `workload:${string}`;

/**
 * One workload after normalization: every default applied, every short form expanded, paths absolute.
 * Invariant: two files that mean the same thing normalize to deep-equal WorkloadSpecs.
 */
export interface WorkloadSpec extends Partial<KindFacts> {
  name: string;
  /** The kind's name from the registry (src/workloads/registry.ts); `service` when none was written. */
  kind: string;
  image: string;
  command?: string[];
  entrypoint?: string[];
  env: Record<string, string>;
  /** Env names whose values are secrets: declared, or matched by name (PASSWORD, TOKEN, SECRET, KEY...). */
  sensitive: string[];
  ports: PortBinding[];
  mounts: MountSpec[];
  resources: ResourceSpec;
  /** The `resources` keys a kind's default filled in (a query's memory and cpus): `pond config` marks them. Not hashed. */
  resourceDefaults?: ResourceKey[];
  network: 'default' | 'none' | 'host' | SharedNetwork;
  health?: HealthSpec;
  /** `ready_when`'s probes (also part of `health`): what `pond ps` re-checks to say starting/ready/responding. */
  readyWhen?: Probe;
  dependsOn: Record<string, Condition>;
  restart: RestartPolicy;
  labels: Record<string, string>;
  init: boolean;
  /** `user:` ("uid", "uid:gid" or a name the image knows); absent: the image's own user. */
  user?: string;
  stopTimeoutSec: number;
  /** working_dir, hostname, extra_hosts, dns, shm_size, ulimits, stop_signal; absent when none is set. */
  settings?: RuntimeSettings;
  /** Confinement a kind asks for (a query: read-only root, no capabilities...); absent for plain services. */
  hardening?: Hardening;
  /** The `unsafe:` opt-ins, sorted; absent when none (plans list each as a risk). */
  unsafe?: UnsafeOptIn[];
  /** `replicas:` as written (a cluster runs that many copies); absent when not written, so hashes stay as they were. */
  replicas?: number;
  /** `placement.constraints`, each as `<key>==<value>` or `<key>!=<value>`; absent when none. */
  placement?: string[];
}

export interface ProjectVolume {
  name: string;
  /** External volumes are used as they are: never created, labelled or removed by pond. */
  external: boolean;
  labels: Record<string, string>;
}

/** The whole project, normalized. Workload order is by name (the graph decides start order). */
export interface ProjectSpec {
  name: string;
  dir: string;
  files: string[];
  workloads: WorkloadSpec[];
  volumes: ProjectVolume[];
  /** `engine:` in pond.yaml: the backend it asks for (the flag and POND_ENGINE win over it); absent when not written. */
  engine?: BackendName;
  /** `registry:`: where a cluster's locally built images are pushed (host[:port][/prefix]); absent when not written. */
  registry?: string;
  /** Every file the spec was built from (config files, .env, env_files), absolute: what watch mode watches. */
  sources: string[];
  /** Every secret value in the project (sensitive env, secret variables, database passwords): for redaction only. */
  secretValues: string[];
}
