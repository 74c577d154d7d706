/**
 * The engine contract: pond's own types, no dockerode types leak past src/engine/docker/.
 * A Swarm or Kubernetes backend would be another implementation of `Engine`: it declares what it can
 * do (`capabilities`, so validation refuses the rest before anything is touched), reports every
 * workload with a version and its instances, runs one-shot work through the one `run` primitive, and
 * passes test/conformance/engine-suite.ts.
 *
 * The unit is the workload: what pond.yaml names. The Docker backend is "one workload = one
 * container" (ids, versions and instances are the container's own); a cluster backend maps a workload
 * to a service and its tasks. A `TaskSpec` is what one instance runs, long-running or a run.
 */

export type Condition = 'started' | 'healthy' | 'completed';

export interface PortBinding {
  /** Port inside the container. */
  container: number;
  /** Host port; undefined lets the engine pick a free one. */
  host?: number;
  protocol: 'tcp' | 'udp';
  /** Host address to bind; 127.0.0.1 unless the user asked for `public: true` (then 0.0.0.0). */
  hostIp: string;
}

export type Mount =
  | { type: 'volume'; source: string; target: string; readOnly: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean; carry?: Carry }
  | { type: 'tmpfs'; target: string; sizeBytes?: number };

/**
 * How a bind reaches a workload where pond's machine's paths do not exist (a cluster node), on top of
 * what a bind is where they do: `baked`, pond's own files (the query runner and DuckDB), copied into
 * an image made from the workload's; `collected`, a run's result folder, written in the task and
 * handed back to this folder when the run ends (through its output). Not part of the config hash.
 */
export type Carry = 'baked' | 'collected';

/**
 * Readiness is data, interpreted by the engine. `exec` runs inside the container; `http` and `tcp`
 * probe the container's own address on its network from the host; `log` waits for a substring in the
 * container's output. `all` needs every part.
 */
export type Probe =
  | { exec: string[] }
  | { http: { port: number; path: string } }
  | { tcp: { port: number } }
  | { log: string }
  | { all: Probe[] };

export interface HealthSpec {
  probe: Probe;
  /** Milliseconds. */
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
}

export interface ResourceSpec {
  memoryBytes?: number;
  /** Fractional CPUs, e.g. 0.5. */
  cpus?: number;
  cpuShares?: number;
}

export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';

/**
 * Kernel-level confinement beyond the defaults, for workloads that run untrusted-ish code with no
 * need for privileges (a query). Every field is optional and absent by default, so a spec without
 * them hashes as it did before they existed.
 */
export interface Hardening {
  /** The root filesystem is mounted read-only; only mounts (and tmpfs) are writable. */
  readOnlyRootfs?: boolean;
  /** Linux capabilities to drop: ['ALL'] leaves none. */
  capDrop?: string[];
  /** The process and its children can never gain privileges (setuid binaries do nothing). */
  noNewPrivileges?: boolean;
  /** At most this many processes/threads: a fork bomb stops there. */
  pidsLimit?: number;
}

/** One process resource limit (docker's --ulimit): -1 is unlimited. */
export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

/**
 * Process and namespace settings a workload may ask for (compose's working_dir, hostname, extra_hosts,
 * dns, shm_size, ulimits, stop_signal). Every field is optional and absent by default, so a spec
 * without them hashes as it did before they existed.
 */
export interface RuntimeSettings {
  workingDir?: string;
  hostname?: string;
  /** "name:ip" entries for /etc/hosts, sorted by name. */
  extraHosts?: string[];
  /** DNS server addresses, in the order written (resolvers try them in turn). */
  dns?: string[];
  shmSizeBytes?: number;
  /** Sorted by name. */
  ulimits?: Ulimit[];
  stopSignal?: string;
}

/** Everything needed to create one container. Names and labels are final (desired/ computes them). */
export interface TaskSpec extends Hardening, RuntimeSettings {
  name: string;
  image: string;
  command?: string[];
  entrypoint?: string[];
  env: Record<string, string>;
  ports: PortBinding[];
  mounts: Mount[];
  resources: ResourceSpec;
  /** Docker network to join: the project network name, 'none' / 'host', or 'container:<name>' (another's namespace). */
  network: string;
  /** Network alias on the project network (the workload name), so workloads reach each other by name. */
  aliases: string[];
  health?: HealthSpec;
  restart: RestartPolicy;
  init: boolean;
  /** The user the process runs as (docker's --user); absent: the image's. */
  user?: string;
  /** A pseudo-terminal for the main process (a one-off run from a terminal); absent: none. */
  tty?: boolean;
  /**
   * The main process's stdin stays open for one attached caller and closes when that caller's input
   * ends (docker's `-i`); absent: the process reads /dev/null.
   */
  openStdin?: boolean;
  stopTimeoutSec: number;
  labels: Record<string, string>;
  /**
   * The keys of `env` whose values are secrets (a database password): a cluster backend hands them
   * over as its own secrets instead of plain env. Not part of the config hash (the values are).
   */
  sensitiveEnv?: string[];
  /**
   * How many copies run (`replicas:`); absent when the user wrote none, so the config hash of every
   * spec written before clusters existed is unchanged. Only where `capabilities.replicas`.
   */
  replicas?: number;
  /** Swarm-style node constraints (`node.labels.zone==eu`), as written; absent when none. */
  placement?: string[];
}

export interface NetworkSpec {
  name: string;
  labels: Record<string, string>;
}

export interface VolumeSpec {
  name: string;
  labels: Record<string, string>;
}

export type InstanceState = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead' | 'removing';

/**
 * One running copy of a workload. Docker has exactly one per container (the container itself); a
 * replicated backend (Swarm tasks) has several, each maybe on another node.
 */
export interface ObservedInstance {
  id: string;
  /** The machine it runs on, when the backend has more than one. */
  node?: string;
  state: InstanceState;
  health?: 'starting' | 'healthy' | 'unhealthy';
  exitCode?: number;
  /** ISO time it last started, when the backend says (Docker: inspect only). */
  startedAt?: string;
  /** Why it is not running, in the engine's words ("no suitable node"), when the backend says. */
  message?: string;
}

export interface ObservedWorkload {
  id: string;
  /**
   * Changes whenever the object is recreated or updated, so two observes tell "the same object" from
   * "an object of the same name" (Docker: the container id; Swarm: the service's version index).
   */
  version: string;
  /** Where the workload actually runs; Docker: one, the container. */
  instances: ObservedInstance[];
  name: string;
  labels: Record<string, string>;
  state: InstanceState;
  /** Engine-side health, when the container has a healthcheck. */
  health?: 'starting' | 'healthy' | 'unhealthy';
  /** The last exit code, while exited or restarting (the engine reads 0 again once it runs). */
  exitCode?: number;
  /** The kernel killed its last run for exceeding the memory limit; undefined when unknown (the list API does not say). */
  oomKilled?: boolean;
  /** Its memory limit (inspect only), so an OOM kill can say what the limit was. */
  memoryLimitBytes?: number;
  image: string;
  /** The id ("sha256:…") of the image it was created from, whatever the tag points at now. */
  imageId?: string;
  /** ISO time the container last started, if ever. */
  startedAt?: string;
  restartCount: number;
  /** The main process's id on the host while it runs (inspect only; the list API does not say). */
  pid?: number;
  /** Published ports as the engine reports them. */
  ports: { container: number; host: number; hostIp: string; protocol: string }[];
}

export interface ObservedVolume {
  name: string;
  labels: Record<string, string>;
}

export interface ObservedNetwork {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** One label-filtered snapshot of everything a project owns. */
export interface ObservedState {
  workloads: ObservedWorkload[];
  volumes: ObservedVolume[];
  networks: ObservedNetwork[];
}

export interface LogLine {
  container: string;
  stream: 'stdout' | 'stderr';
  time?: string;
  text: string;
}

export interface LogOptions {
  follow: boolean;
  tail?: number;
  timestamps: boolean;
  /** Only lines written at or after this instant (epoch seconds, fractions allowed). */
  since?: number;
  /** Only lines written at or before this instant (epoch seconds, fractions allowed). */
  until?: number;
  signal?: AbortSignal;
}

/** One resource sample, already computed the way `docker stats` shows it. */
export interface WorkloadStats {
  /** CPU use since the previous sample, in percent of one CPU (200% = two CPUs busy). */
  cpuPercent: number;
  /** Memory in use, without the page cache (docker stats' "MEM USAGE"). */
  memoryBytes: number;
  /** The container's memory limit (or the host's memory when unlimited). */
  memoryLimitBytes: number;
  /** Bytes received and sent over every interface since the container started ("NET I/O"). */
  netRxBytes: number;
  netTxBytes: number;
  /** Bytes read from and written to block devices since the container started ("BLOCK I/O"). */
  blockReadBytes: number;
  blockWriteBytes: number;
  /** Processes and threads in the container now. */
  pids: number;
}

/** The processes running in a container, as `ps` inside it would list them (`docker top`). */
export interface ProcessList {
  /** Column names, in order ("UID", "PID", …, "CMD"). */
  titles: string[];
  /** One row per process, one cell per title. */
  processes: string[][];
}

/** What `pond images` shows of one image; absent fields mean the engine no longer has it. */
export interface ImageInfo {
  /** "sha256:…" */
  id: string;
  /** Every name:tag pointing at it. */
  repoTags: string[];
  sizeBytes: number;
}

/** A container of the project started or died (the engine's own event stream). */
/**
 * Something happened to one of the project's containers. `change` is any other event that alters
 * what an observe would show (destroy, create, rename, pause, a health status, an OOM kill): watch
 * mode needs no resync while none comes.
 */
export interface EngineEvent {
  workload: string;
  action: 'start' | 'die' | 'change';
  timeMs: number;
}

/**
 * A way into the project's network from pond's machine (`pond port-forward`): each `connect` is one
 * TCP connection to `host:port` inside that network, carried over the engine's API.
 */
export interface Tunnel {
  /** Pipes `socket` both ways to the target until either side ends. */
  connect(socket: NodeJS.ReadWriteStream): Promise<void>;
  /** Removes whatever carries the tunnel. */
  close(): Promise<void>;
}

/** A terminal's size in character cells. */
export interface TtySize {
  rows: number;
  cols: number;
}

/**
 * A caller's stdio wired to a process in a container (`pond exec`, a one-off `pond run`). Streams are
 * plain Node streams so the CLI hands over its own stdio; the engine never decides about terminals,
 * it only forwards. With `tty`, the process has a pseudo-terminal and its output arrives on `stdout`
 * alone (a terminal has one output); without, stdout and stderr stay apart.
 */
export interface StdioStreams {
  tty: boolean;
  /** Forwarded until it ends (the process then sees end of input); absent: the process gets no stdin. */
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /**
   * With `tty`: subscribes to the terminal's size. `apply` is called with the size now and on every
   * change; the returned function unsubscribes once the process ended.
   */
  resize?: (apply: (size: TtySize) => void) => () => void;
}

/** One command run inside a running container (`pond exec`). */
export interface ExecRequest extends StdioStreams {
  cmd: string[];
  /** Added to the container's own environment; a value here wins. */
  env: Record<string, string>;
  /** docker's `--user`; absent: the container's user. */
  user?: string;
  /** Absent: the container's working directory. */
  workdir?: string;
}

/**
 * A container's streams held by one caller (`attach`). Attaching happens before the start,
 * so nothing the process prints is missed.
 */
export interface Attachment {
  /** Settles once the process's output ended (it exited, or the attachment was closed). */
  ended: Promise<void>;
  /** Lets go of the streams (a start that failed): `ended` then settles. */
  close(): void;
}

/**
 * What the engine says of the machine it runs on (Docker's /info): whether pond's host paths and its
 * host-built DuckDB mean anything there. Fields are absent when the engine does not say.
 */
export interface EngineHost {
  /** The engine host's hostname. */
  name?: string;
  /** "Debian GNU/Linux 12 (bookworm)", "Docker Desktop", ... */
  operatingSystem?: string;
  /** "linux", "windows". */
  osType?: string;
  /** "x86_64", "aarch64". */
  architecture?: string;
}

/**
 * What a backend can do beyond creating, starting and observing workloads. Declared, never probed:
 * `pond validate` refuses a pond.yaml that needs what the chosen backend lacks (src/desired/
 * capability-check.ts) without connecting, and commands that need a missing one say so up front.
 */
export interface EngineCapabilities {
  /** Ports published on the engine host's loopback (127.0.0.1), reachable from pond's machine. */
  localPorts: boolean;
  /** Host paths of pond's own machine mounted into a workload (code, scratch folders, binds). */
  bindMounts: boolean;
  /**
   * Read-only host files reach a workload by copy (Swarm configs) where folders cannot be mounted:
   * a `:ro` bind of project files works, a writable one does not.
   */
  readOnlyFiles: boolean;
  /** One file copied out of a (stopped) workload: a bot's results file. */
  copyOut: boolean;
  /** Resource samples of a running workload (`pond stats`). */
  stats: boolean;
  /** The processes of a running workload (`pond top`). */
  top: boolean;
  /** A command run inside a running workload (`pond exec`, warm query runners, exec probes from outside). */
  exec: boolean;
  /** The caller's stdio and a terminal wired to a run (interactive `pond run`). */
  attach: boolean;
  /** A stream of start/die events (watch mode resyncs without it). */
  events: boolean;
  /** A named volume lives on one machine: a workload using it runs where it is. */
  nodeLocalVolumes: boolean;
  /** A workload's spec is changed in place (a service update) instead of remove and create. */
  inPlaceUpdate: boolean;
  /** network: none, host, or another workload's namespace (container:NAME). */
  networkModes: boolean;
  /** A workload run as a number of copies other than one (`replicas:`), placed by node constraints (`placement:`). */
  replicas: boolean;
  /** Pushes local images to `registry:` and runs them from there (a cluster); without it the engine's own images run. */
  registry: boolean;
  /** `network: none`: a workload with no route anywhere (Swarm: an internal overlay only pond's isolated runs join). */
  noNetwork: boolean;
  /** A run's result folder (a bind marked `collected`) comes back to pond's machine when the run ends. */
  runResults: boolean;
}

/** How a run is started: with the caller's stdio attached, or with its output read through `logs`. */
export interface StartRunOptions {
  /**
   * Attached before the start, so nothing the process prints is missed; its `tty` and `stdin` give the
   * run a terminal and an open stdin. Only where `capabilities.attach`.
   */
  stdio?: Omit<StdioStreams, 'resize'>;
  /** A failed start leaves the created run in place (`pond run --no-rm`) instead of removing it. */
  keepOnFailedStart?: boolean;
}

/** How a run ended. `oomKilled` is set only when the backend knows the kernel killed it for memory. */
export interface RunExit {
  exitCode: number;
  oomKilled?: boolean;
}

/**
 * One terminating piece of work (a bot run, an ad hoc query, a one-off `pond run`) started by
 * `Engine.run`. The handle is all a caller needs until it removes the run: callers never see how the
 * backend made it (Docker: one container; Swarm: a one-replica job).
 */
export interface RunHandle {
  /** The backend's id of the run (Docker: the container id). */
  readonly id: string;
  logs(opts: LogOptions): AsyncIterable<LogLine>;
  /**
   * Resolves once the run exited and, when stdio is attached, its output ended. Rejects with
   * InterruptedError when `signal` aborts first (the run keeps going).
   */
  wait(opts?: { signal?: AbortSignal }): Promise<RunExit>;
  /** One file the run wrote, after it exited; undefined when the path does not exist. */
  collect(path: string): Promise<Buffer | undefined>;
  /** Stops it gracefully (its stop signal, then a kill after `timeoutSec`). */
  stop(timeoutSec: number): Promise<void>;
  /** Sets the size of its terminal; a run without one is left alone. */
  resize(size: TtySize): Promise<void>;
  /** Removes it, killing it first if it still runs; already gone counts as success. */
  remove(): Promise<void>;
}

/**
 * The backend. Probes are the backend's job: `waitReady`, `probe` and `waitSettled` interpret
 * readiness data (`Probe`) wherever the backend can reach the workload (Docker: exec in the container,
 * http/tcp to its address from the host), so callers never dial a workload themselves.
 */
export interface Engine {
  /** Where the engine was looked for, for error messages ("unix:///var/run/docker.sock"). */
  readonly endpoint: string;
  /** Which backend this is ("docker"), for messages and BACKEND_CAPABILITIES. */
  readonly backend: string;
  /** What this backend can do; constant for its lifetime. */
  readonly capabilities: EngineCapabilities;
  /**
   * Starts one run of `spec` (created, stdio attached if asked, started). A failed start removes what
   * was created unless `keepOnFailedStart`, and rejects; afterwards the handle owns the run.
   */
  run(spec: TaskSpec, opts?: StartRunOptions): Promise<RunHandle>;
  ping(): Promise<void>;
  /** Everything labelled dev.pond.project=<project>. One snapshot; never mutates. */
  observe(project: string): Promise<ObservedState>;
  /** Every container carrying a dev.pond.project label, of any project (`pond ls`). Never mutates. */
  listPondWorkloads(): Promise<ObservedWorkload[]>;
  hasImage(image: string): Promise<boolean>;
  /** The image by id or name:tag; undefined when the engine does not have it. */
  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  /** Pulls the image; `onProgress` gets short human lines. Throws EngineError naming image and registry answer. */
  pullImage(image: string, onProgress?: (line: string) => void): Promise<void>;
  /**
   * Makes a present image reachable by every node that may run it (a cluster's registry: pushed once,
   * pinned by digest); absent where the engine's own images are what runs (docker, a swarm without a registry).
   */
  publishImage?(image: string, onProgress?: (line: string) => void): Promise<void>;
  createNetwork(spec: NetworkSpec): Promise<string>;
  removeNetwork(name: string): Promise<void>;
  /** Creates the volume; refuses (EngineError) if a volume of that name exists without the same labels. */
  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;
  createWorkload(spec: TaskSpec): Promise<string>;
  startWorkload(id: string): Promise<void>;
  stopWorkload(id: string, timeoutSec: number): Promise<void>;
  /** Sends `signal` ("SIGKILL", "HUP", "9") to the container's main process, as docker kill does. */
  killWorkload(id: string, signal: string): Promise<void>;
  removeWorkload(id: string): Promise<void>;
  renameWorkload(id: string, name: string): Promise<void>;
  /**
   * Changes a workload's spec in place, where `capabilities.inPlaceUpdate` (a Swarm service update,
   * rolled task by task and rolled back on failure). `version` is the one observed: a workload changed
   * since rejects with StaleVersionError. Resolves once the new spec runs; rejects if it was rolled back.
   */
  updateWorkload?(
    id: string,
    version: string,
    spec: TaskSpec,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<void>;
  inspectWorkload(id: string): Promise<ObservedWorkload>;
  /** Resolves when the probe passes; rejects with TimeoutError naming the probe, or EngineError if the container exits. */
  waitReady(id: string, health: HealthSpec, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  /**
   * For a container with no readiness check: resolves once it is still running `windowMs` after it
   * started (or has finished cleanly: exit 0 and no restart); rejects with EngineError naming its exit
   * code, an OOM kill and its last output when it exits or restarts within the window.
   */
  waitSettled(id: string, opts: { windowMs: number; signal?: AbortSignal }): Promise<void>;
  /** One try of a probe now (ps re-checks ready_when with it); `detail` says what failed. */
  probe(id: string, probe: Probe, timeoutMs: number): Promise<{ ok: boolean; detail?: string }>;
  /** Resolves with the exit code once the container has stopped. */
  waitExit(id: string, opts?: { signal?: AbortSignal }): Promise<number>;
  logs(id: string, opts: LogOptions): AsyncIterable<LogLine>;
  /** One stats sample of a running container. */
  stats(id: string): Promise<WorkloadStats>;
  /** The processes of a running container; EngineError (409) when it is not running. */
  top(id: string): Promise<ProcessList>;
  /**
   * The project's container events until the connection ends. Optional: a backend without a stream
   * leaves watch mode to notice restarts from failed resyncs alone.
   */
  events?(project: string, signal: AbortSignal): AsyncIterable<EngineEvent>;
  /** One file's bytes out of a container (stopped ones too); undefined when the path does not exist. */
  copyOut(id: string, path: string): Promise<Buffer | undefined>;
  /** Runs a command in a running container, forwarding its streams; resolves with its exit code. */
  exec(id: string, req: ExecRequest): Promise<number>;
  /** The machine the engine runs on. Optional: a backend that cannot say skips the checks that need it. */
  host?(): Promise<EngineHost>;
  /**
   * Attaches `io` to a created (not yet started) container's main process. Its stdin reaches the
   * process only if the container was created with `openStdin`, and its end closes the process's
   * stdin; `tty` must match the container's. Resolves once attached.
   */
  attach(id: string, io: Omit<StdioStreams, 'resize'>): Promise<Attachment>;
  /**
   * Opens a tunnel into `network` for connections to `host:port` (a workload's name and a port it
   * listens on), where a cluster does not publish private ports. Optional: one machine publishes them.
   */
  tunnel?(network: string, host: string, port: number, labels: Record<string, string>): Promise<Tunnel>;
  /** Sets the size of a running container's pseudo-terminal; a container without one, or gone, is left alone. */
  resizeTty(id: string, size: TtySize): Promise<void>;
}
