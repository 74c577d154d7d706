import type {
  Attachment,
  TaskSpec,
  EngineCapabilities,
  RunHandle,
  StartRunOptions,
  WorkloadStats,
  ImageInfo,
  ProcessList,
  Engine,
  HealthSpec,
  LogLine,
  NetworkSpec,
  ObservedWorkload,
  ObservedState,
  VolumeSpec,
} from '../../src/engine/types.js';
import { BACKEND_CAPABILITIES } from '../../src/engine/capabilities.js';
import { EngineError, StaleContainerError, TimeoutError } from '../../src/errors.js';
import { killedExitCode, programKey, type Program } from './memory-programs.js';

interface Box {
  id: string;
  spec: TaskSpec;
  state: ObservedWorkload['state'];
  exitCode?: number;
  startedAt?: string;
  /** The scripted program its command runs, if any; its output is the box's own. */
  program?: Program;
  /** Called once it exits (waitExit of a running program waits on this). */
  exited: (() => void)[];
}

/**
 * An Engine held in memory, for unit tests of pure code (executor, commands' flow). It records every
 * call, in order, and can be told to fail some. It proves nothing about Docker: that is what the
 * integration tests are for.
 */
export class MemoryEngine implements Engine {
  readonly endpoint = 'memory://';
  readonly backend = 'memory';
  /** Docker's by default; a test may take some away. */
  capabilities: EngineCapabilities = { ...BACKEND_CAPABILITIES.docker };
  /** Scripted commands (memory-programs.ts): what a container running one prints, writes and exits with. */
  readonly programs = new Map<string, Program>();
  readonly calls: string[] = [];
  readonly containers = new Map<string, Box>();
  readonly volumes = new Map<string, VolumeSpec>();
  readonly networks = new Map<string, NetworkSpec>();
  readonly images = new Set<string>();
  /** Images whose pull fails; containers whose start fails; workloads that never get healthy. */
  failPull = new Set<string>();
  failStart = new Set<string>();
  /** Workloads whose next start fails as a dockerd crash leaves a container: a stale task. */
  staleStart = new Set<string>();
  neverReady = new Set<string>();
  exitCodes = new Map<string, number>();
  delayMs = 0;
  /** The most mutating calls that were in flight at the same moment. */
  maxInFlight = 0;
  private inFlight = 0;
  private seq = 0;

  constructor(images: string[] = []) {
    images.forEach((i) => this.images.add(i));
  }

  private async tick(call: string): Promise<void> {
    this.calls.push(call);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    } finally {
      this.inFlight--;
    }
  }

  get mutatingCalls(): string[] {
    return this.calls.filter((c) => !/^(ping|observe|hasImage|inspect|waitReady|waitSettled|waitExit|logs)/.test(c));
  }

  async ping(): Promise<void> {}

  async observe(project: string): Promise<ObservedState> {
    this.calls.push('observe');
    const mine = (labels: Record<string, string>): boolean => labels['dev.pond.project'] === project;
    return {
      workloads: [...this.containers.values()].filter((b) => mine(b.spec.labels)).map((b) => this.view(b)),
      volumes: [...this.volumes.values()]
        .filter((v) => mine(v.labels))
        .map((v) => ({ name: v.name, labels: v.labels })),
      networks: [...this.networks.values()]
        .filter((n) => mine(n.labels))
        .map((n) => ({ id: `net-${n.name}`, name: n.name, labels: n.labels })),
    };
  }

  private view(b: Box): ObservedWorkload {
    const instance = {
      id: b.id,
      state: b.state,
      ...(b.exitCode !== undefined && { exitCode: b.exitCode }),
      ...(b.startedAt && { startedAt: b.startedAt }),
    };
    return {
      id: b.id,
      version: b.id,
      instances: [instance],
      name: b.spec.name,
      labels: b.spec.labels,
      state: b.state,
      exitCode: b.exitCode,
      ...(b.startedAt && { startedAt: b.startedAt }),
      image: b.spec.image,
      restartCount: 0,
      ports: [],
    };
  }

  private exit(b: Box, code: number): void {
    b.state = 'exited';
    b.exitCode = code;
    b.exited.splice(0).forEach((f) => f());
  }

  async hasImage(image: string): Promise<boolean> {
    this.calls.push(`hasImage ${image}`);
    return this.images.has(image);
  }

  async pullImage(image: string): Promise<void> {
    await this.tick(`pull ${image}`);
    if (this.failPull.has(image)) throw new EngineError(`pull of ${image} failed: no such host`);
    this.images.add(image);
  }

  async createNetwork(spec: NetworkSpec): Promise<string> {
    await this.tick(`createNetwork ${spec.name}`);
    this.networks.set(spec.name, spec);
    return `net-${spec.name}`;
  }

  async removeNetwork(name: string): Promise<void> {
    await this.tick(`removeNetwork ${name}`);
    this.networks.delete(name);
  }

  /** Like Docker's: a volume of that name with other labels is someone else's and is refused. */
  async createVolume(spec: VolumeSpec): Promise<void> {
    await this.tick(`createVolume ${spec.name}`);
    const have = this.volumes.get(spec.name);
    if (have && JSON.stringify(have.labels) !== JSON.stringify(spec.labels))
      throw new EngineError(`a volume named ${spec.name} already exists and is not managed by this project`, 409);
    this.volumes.set(spec.name, spec);
  }

  async removeVolume(name: string): Promise<void> {
    await this.tick(`removeVolume ${name}`);
    this.volumes.delete(name);
  }

  async createWorkload(spec: TaskSpec): Promise<string> {
    await this.tick(`create ${spec.name}`);
    if ([...this.containers.values()].some((b) => b.spec.name === spec.name))
      throw new EngineError(`name ${spec.name} in use`, 409);
    const id = `c${String(++this.seq).padStart(12, '0')}`;
    this.containers.set(id, {
      id,
      spec,
      state: 'created',
      program: this.programs.get(programKey(spec.command)),
      exited: [],
    });
    return id;
  }

  private box(id: string): Box {
    const b = this.containers.get(id);
    if (!b) throw new EngineError(`no such container ${id}`, 404);
    return b;
  }

  async startWorkload(id: string): Promise<void> {
    await this.tick(`start ${this.box(id).spec.name}`);
    const b = this.box(id);
    const w = b.spec.labels['dev.pond.workload'] ?? '';
    if (this.staleStart.delete(w)) throw new StaleContainerError(`task ${id} already exists`, 500);
    if (this.failStart.has(w) || b.program?.failsToStart) throw new EngineError(`cannot start ${b.spec.name}`, 500);
    b.state = 'running';
    b.startedAt = new Date().toISOString();
    for (const [file, text] of Object.entries(b.program?.files ?? {}))
      this.files.set(`${b.spec.name}:${file}`, Buffer.from(text));
    const code = this.exitCodes.get(b.spec.labels['dev.pond.workload'] ?? '') ?? b.program?.exitCode;
    if (code !== undefined) this.exit(b, code);
  }

  async stopWorkload(id: string): Promise<void> {
    await this.tick(`stop ${this.box(id).spec.name}`);
    const b = this.box(id);
    this.exit(b, b.state === 'running' ? (b.program?.stopExitCode ?? 0) : 0);
  }

  async killWorkload(id: string, signal: string): Promise<void> {
    await this.tick(`kill ${this.box(id).spec.name} ${signal}`);
    const b = this.box(id);
    if (b.state !== 'running') throw new EngineError(`container ${b.spec.name} is not running`, 409);
    this.exit(b, killedExitCode(signal));
  }

  async removeWorkload(id: string): Promise<void> {
    await this.tick(`remove ${this.box(id).spec.name}`);
    this.box(id)
      .exited.splice(0)
      .forEach((f) => f());
    this.containers.delete(id);
  }

  async renameWorkload(id: string, name: string): Promise<void> {
    await this.tick(`rename ${this.box(id).spec.name} ${name}`);
    const b = this.box(id);
    b.spec = { ...b.spec, name };
  }

  async inspectWorkload(id: string): Promise<ObservedWorkload> {
    return this.view(this.box(id));
  }

  async waitReady(id: string, health: HealthSpec, opts: { timeoutMs: number }): Promise<void> {
    const b = this.box(id);
    this.calls.push(`waitReady ${b.spec.name}`);
    if (this.neverReady.has(b.spec.labels['dev.pond.workload'] ?? '')) {
      throw new TimeoutError(`${b.spec.name} not healthy after ${opts.timeoutMs}ms`);
    }
    void health;
  }

  /** A container told to exit (exitCodes) with a code other than 0 did not stay up. */
  async waitSettled(id: string): Promise<void> {
    const b = this.box(id);
    this.calls.push(`waitSettled ${b.spec.name}`);
    if (b.state === 'exited' && b.exitCode !== 0)
      throw new EngineError(`container ${b.spec.name} exited with code ${b.exitCode} within 1.5s of starting`);
  }

  async probe(id: string): Promise<{ ok: boolean; detail?: string }> {
    const b = this.box(id);
    return this.neverReady.has(b.spec.labels['dev.pond.workload'] ?? '')
      ? { ok: false, detail: 'never ready' }
      : { ok: true };
  }

  async waitExit(id: string): Promise<number> {
    const b = this.box(id);
    this.calls.push(`waitExit ${b.spec.name}`);
    if (b.program && b.state === 'running') await new Promise<void>((r) => b.exited.push(r));
    return b.exitCode ?? 0;
  }

  /** Lines a container printed, by workload, as `logs` hands them out (stamped one second apart). */
  output = new Map<string, string[]>();

  async *logs(id: string): AsyncIterable<LogLine> {
    const b = this.box(id);
    this.calls.push(`logs ${b.spec.name}`);
    const lines = [
      ...(b.program?.stdout ?? []),
      ...(this.output.get(b.spec.labels['dev.pond.workload'] ?? '') ?? []),
    ].map((text) => ({ stream: 'stdout' as const, text }));
    const all = [...lines, ...(b.program?.stderr ?? []).map((text) => ({ stream: 'stderr' as const, text }))];
    for (const [i, l] of all.entries())
      yield { container: id, ...l, time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() };
  }

  async stats(): Promise<WorkloadStats> {
    return {
      cpuPercent: 0,
      memoryBytes: 0,
      memoryLimitBytes: 0,
      netRxBytes: 0,
      netTxBytes: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0,
      pids: 0,
    };
  }

  async top(id: string): Promise<ProcessList> {
    const b = this.box(id);
    return {
      titles: ['PID', 'CMD'],
      processes: b.state === 'running' ? [['1', (b.spec.command ?? []).join(' ')]] : [],
    };
  }

  async listPondWorkloads(): Promise<ObservedWorkload[]> {
    return [...this.containers.values()]
      .filter((b) => b.spec.labels['dev.pond.project'] !== undefined)
      .map((b) => this.view(b));
  }

  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    return this.images.has(ref) ? { id: `sha256:${ref}`, repoTags: [ref], sizeBytes: 0 } : undefined;
  }

  /** Files a test put into a container: `files` keyed "<container name>:<path>". */
  readonly files = new Map<string, Buffer>();

  async copyOut(id: string, path: string): Promise<Buffer | undefined> {
    return this.files.get(`${this.box(id).spec.name}:${path}`);
  }

  /** Records the command; every exec exits 0 and prints nothing. */
  async exec(id: string, req: { cmd: string[] }): Promise<number> {
    this.calls.push(`exec ${this.box(id).spec.name} ${req.cmd.join(' ')}`);
    return 0;
  }

  /** Records the attach; the container prints nothing, so its output has ended at once. */
  async attach(id: string): Promise<Attachment> {
    this.calls.push(`attach ${this.box(id).spec.name}`);
    return { ended: Promise.resolve(), close: () => undefined };
  }

  async resizeTty(): Promise<void> {}

  /** Over the recorded calls (create, attach, start, remove), so tests see a run as the steps it is made of. */
  async run(spec: TaskSpec, opts: StartRunOptions = {}): Promise<RunHandle> {
    const io = opts.stdio;
    const id = await this.createWorkload({
      ...spec,
      ...(io?.tty && { tty: true }),
      ...(io?.stdin && { openStdin: true }),
    });
    try {
      const attached = io ? await this.attach(id) : undefined;
      await this.startWorkload(id).catch((e: unknown) => (attached?.close(), Promise.reject(e)));
    } catch (e) {
      if (!opts.keepOnFailedStart) await this.removeWorkload(id).catch(() => undefined);
      throw e;
    }
    return {
      id,
      logs: () => this.logs(id),
      wait: async () => ({ exitCode: await this.waitExit(id) }),
      collect: (path) => this.copyOut(id, path),
      stop: () => this.stopWorkload(id),
      resize: () => this.resizeTty(),
      remove: async () => (this.containers.has(id) ? this.removeWorkload(id) : undefined),
    };
  }
}
