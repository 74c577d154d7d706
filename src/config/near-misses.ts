import type { DocPath } from './types.js';

/**
 * Keys and values people bring from Docker Compose (or misspell past what edit distance catches),
 * with the pond spelling. Edit distance finds "imgae"; only a table knows that `environment` is
 * `env` or that `container_name` has no counterpart. Looked up case-insensitively, by the place
 * the key stands in, before edit distance.
 */
type Place = 'top' | 'workload' | 'health' | 'resources' | 'dependency' | 'volume';

const IMPORT = 'a whole Compose file converts with: pond import docker-compose.yml';
const PERSISTENT =
  'a database keeps its data with "storage: persistent"; other workloads mount a named volume under "volumes"';
const ONE_NETWORK = 'every workload is on the project network and reaches the others by workload name: remove it';

const KEYS: Record<Place, Record<string, string>> = {
  top: {
    services: `Compose's "services" are "workloads" in pond (${IMPORT})`,
    networks: `pond makes one network per project; ${ONE_NETWORK}`,
    secrets:
      'pond has no top-level secrets: mount the file in the workload ("./secret.txt:/run/secrets/NAME:ro"); env names like *PASSWORD* are never printed',
    configs: 'pond has no top-level configs: mount the file in the workload ("./nginx.conf:/etc/nginx/nginx.conf:ro")',
    project: 'the project name is "name"',
  },
  workload: {
    environment: 'write it as "env" (a mapping or a list of NAME=value)',
    envs: 'write it as "env"',
    env_files: 'write it as "env_file"',
    envfile: 'write it as "env_file"',
    healthcheck: 'write it as "health" (test: [CMD, ...] becomes exec: [...])',
    healtcheck: 'write it as "health"',
    health_check: 'write it as "health"',
    healthchecks: 'write it as "health"',
    mem_limit: 'write it as "resources: { memory: 512m }"',
    memory: 'write it as "resources: { memory: 512m }"',
    mem_reservation: 'pond sets limits, not reservations: "resources: { memory: 512m }"',
    memswap_limit: 'pond sets no swap limit: "resources: { memory: 512m }" is the memory limit',
    cpus: 'write it as "resources: { cpus: 1.5 }"',
    cpu_count: 'write it as "resources: { cpus: 2 }"',
    cpu_shares: 'write it as "resources: { cpu_shares: 512 }"',
    deploy: 'pond runs one container per workload; limits are "resources: { memory, cpus }" (deploy.resources.limits)',
    container_name:
      'pond names containers itself (<project>-<workload>): remove it; other workloads reach this one by its workload name',
    build: 'pond does not build images: build it (docker build -t NAME DIR) and set "image: NAME"',
    networks: ONE_NETWORK,
    network_mode: 'write it as "network" (default, none, host, or workload:NAME for service:NAME)',
    expose:
      'workloads reach each other\'s ports on the project network without it: remove it ("ports" publishes on 127.0.0.1)',
    links: 'workloads reach each other by workload name: remove it, and use "depends_on" for the start order',
    external_links: ONE_NETWORK,
    volumes_from: 'name the volumes in this workload\'s own "volumes"',
    profiles:
      'pond has no profiles: bring up a subset with pond up NAME..., or keep optional workloads in an override file (-f pond.yaml -f pond.extra.yaml)',
    tmpfs: 'write it under "volumes": { type: tmpfs, target: /run }',
    restart_policy: 'write it as "restart" (no, always, unless-stopped, on-failure)',
    depends: 'write it as "depends_on"',
    depend_on: 'write it as "depends_on"',
    dependencies: 'write it as "depends_on"',
    port: 'write it as "ports" (a list)',
    volume: 'write it as "volumes" (a list)',
    cmd: 'write it as "command"',
    entry_point: 'write it as "entrypoint"',
    image_name: 'write it as "image"',
    environment_file: 'write it as "env_file"',
    readiness: 'write it as "ready_when" (log: or http:)',
    readiness_probe: 'write it as "ready_when" (log: or http:)',
    wait_for: 'write it as "ready_when" (log: or http:), or wait on another workload with "depends_on"',
    persistent: PERSISTENT,
    persistant: PERSISTENT,
    persist: PERSISTENT,
    persistence: PERSISTENT,
    durable: 'a database is made durable with "mode: durable" (fsync on; the default "fast" turns it off)',
    workdir: 'write it as "working_dir"',
    working_directory: 'write it as "working_dir"',
    privileged: 'pond does not run privileged containers',
    secrets: 'mount the secret file instead: "./secret.txt:/run/secrets/NAME:ro" under "volumes"',
    configs: 'mount the file instead: "./app.conf:/etc/app.conf:ro" under "volumes"',
  },
  health: {
    test: 'write it as "exec" (test: [CMD, pg_isready] is exec: [pg_isready]; CMD-SHELL "..." is exec: "...")',
    start_interval: 'pond has no start_interval: "interval" holds from the start',
  },
  resources: {
    limits: "pond's resources are limits: write memory and cpus here directly",
    reservations: 'pond sets limits, not reservations: write memory and cpus here directly',
    mem_limit: 'write it as "memory"',
    mem: 'write it as "memory"',
    ram: 'write it as "memory"',
    cpu: 'write it as "cpus"',
  },
  dependency: {
    required: 'pond has no optional dependencies: every one listed must exist',
    restart: 'pond restarts a workload when a workload:NAME network owner restarts; otherwise not',
  },
  volume: {
    driver: 'pond makes local volumes only: remove it',
    driver_opts: 'pond makes local volumes only: remove it',
    name: 'pond names volumes itself (<project>_<volume>); an existing one is "external: true"',
  },
};

/** Values from Compose where pond wants another word, by the key they stand under. */
const VALUES: Record<string, Record<string, string>> = {
  condition: {
    service_healthy: 'healthy',
    service_started: 'started',
    service_completed_successfully: 'completed',
    service_completed: 'completed',
    complete: 'completed',
    done: 'completed',
    ready: 'healthy',
    running: 'started',
    start: 'started',
  },
  storage: {
    persistant: 'persistent',
    persist: 'persistent',
    persistence: 'persistent',
    persisted: 'persistent',
    permanent: 'persistent',
    durable: 'persistent',
    volume: 'persistent',
    temporary: 'ephemeral',
    temp: 'ephemeral',
    tmpfs: 'ephemeral',
  },
  restart: { never: 'no', false: 'no', unless_stopped: 'unless-stopped', on_failure: 'on-failure' },
};

function placeOf(path: DocPath): Place | undefined {
  if (path.length === 0) return 'top';
  if (path.length === 2 && path[0] === 'workloads') return 'workload';
  if (path.length === 2 && path[0] === 'volumes') return 'volume';
  if (path.length === 4 && path[0] === 'workloads' && path[2] === 'depends_on') return 'dependency';
  if (path[0] !== 'workloads') return undefined;
  if (path.at(-1) === 'health') return 'health';
  if (path.at(-1) === 'resources') return 'resources';
  return undefined;
}

/** A hint for an unknown `key` in the mapping at `path`, when Compose (or a known misspelling) explains it. */
export function knownKeyHint(key: string, path: DocPath): string | undefined {
  const place = placeOf(path);
  if (!place) return undefined;
  return KEYS[place][key.toLowerCase()];
}

/**
 * The pond value for a Compose value (or a known misspelling) not allowed at `path`: depends_on
 * conditions, `storage`, `restart` (including `on-failure:3`, whose retry count pond has no room for).
 */
export function knownValue(value: string, path: DocPath): string | undefined {
  const key = path.at(-1);
  const place = typeof key === 'string' ? key : undefined;
  const word = value.toLowerCase();
  const inDependsOn = path[2] === 'depends_on';
  if (inDependsOn) return VALUES.condition![word];
  if (place === 'restart' && /^on-failure:\d+$/.test(word)) return 'on-failure';
  return place ? VALUES[place]?.[word] : undefined;
}
