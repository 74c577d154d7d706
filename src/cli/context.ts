import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/types.js';
import { checkProjectName } from '../config/project-name.js';
import { UsageError } from '../errors.js';
import { readIdentity, type ProjectIdentity } from '../identity.js';
import { lockDir } from '../lock/lock.js';
import { loadProject, type Project } from '../pipeline.js';
import { ownedEngine } from '../session/owned-engine.js';
import { withEarlyObserve } from '../session/prefetch.js';
import { retryBudget } from '../session/open-engine.js';
import { chooseBackend } from '../session/backend-choice.js';
import { createEngine } from '../session/engine-factory.js';
import { chooseRegistry } from '../session/registry-choice.js';
import type { BackendName } from '../engine/capabilities.js';
import { createOutput, type Output, type OutputFlags } from './output.js';
import { chooseFiles, requireFiles, type ChosenFiles } from './project-files.js';
import { guessProject } from './project-guess.js';
import { readStdin } from './stdin.js';
import { STDIN_FILE } from '../config/types.js';

/** The command line's global options; each wins over its environment variable (POND_FILE, POND_PROJECT_NAME). */
export interface GlobalOptions extends OutputFlags {
  file: string[];
  projectName?: string;
  projectDirectory?: string;
  /** `--env-file`, in order: they replace the default `.env`. */
  envFile?: string[];
  /** `--engine`: the backend (wins over POND_ENGINE and `engine:` in pond.yaml). */
  engine?: string;
  /** `--registry`: where a cluster pushes locally built images (wins over `registry:`). */
  registry?: string;
}

/**
 * What every command shares: the files to read (like compose: pond.yaml plus pond.override.yaml
 * when present, unless -f says otherwise), the output, and an engine opened only when needed.
 */
export class Context {
  readonly output: Output;
  private engine?: Engine;
  private early?: {
    project: string;
    snapshot: boolean;
    opened: Promise<{ engine: Engine; pinged: Promise<void> }>;
  };
  private loaded?: Promise<Project>;
  private chosen?: ChosenFiles;
  private stdin?: Promise<Buffer>;
  /**
   * How long engine calls retry transient faults when POND_ENGINE_RETRY_MS is unset (the engine's own
   * default when undefined). Watch mode sets 0: it retries with its own backoff, and must see an
   * engine restart as the outage it is rather than have it hidden by call retries.
   */
  retryBudgetMs?: number;

  constructor(
    readonly options: GlobalOptions,
    readonly env: Record<string, string | undefined> = process.env,
    readonly cwd = process.cwd(),
  ) {
    this.output = createOutput(options);
    if (options.projectName === undefined && env.POND_PROJECT_NAME)
      this.options = { ...options, projectName: env.POND_PROJECT_NAME };
    try {
      checkProjectName(this.options.projectName);
    } catch (e) {
      if (options.projectName === undefined && e instanceof UsageError)
        throw new UsageError(`${e.message} (from POND_PROJECT_NAME)`, e.hint);
      throw e;
    }
  }

  private choice(): ChosenFiles {
    this.chosen ??= chooseFiles({
      file: this.options.file,
      projectDirectory: this.options.projectDirectory,
      env: this.env,
      cwd: this.cwd,
      exists: (f) => fs.existsSync(f),
    });
    return this.chosen;
  }

  files(): string[] {
    return requireFiles(this.choice());
  }

  hasFiles(): boolean {
    return this.choice().files.length > 0;
  }

  /** `-f -`: the configuration comes from stdin, which can be read only once. */
  readsStdin(): boolean {
    return this.choice().files.includes(STDIN_FILE);
  }

  /** The project as the files say now, read once per command: every caller sees the same snapshot. */
  project(): Promise<Project> {
    this.loaded ??= this.reloadProject();
    return this.loaded;
  }

  /** Reads the files again: for watch mode, which must see every save. */
  async reloadProject(): Promise<Project> {
    await this.earlyCallsSent();
    const files = this.files();
    if (this.readsStdin()) this.stdin ??= readStdin();
    const envFiles = this.options.envFile?.length
      ? this.options.envFile.map((f) => path.resolve(this.cwd, f))
      : undefined;
    return loadProject(files, this.env, this.options.projectName, {
      dir: this.choice().dir,
      envFiles,
      ...(this.stdin && { stdin: await this.stdin }),
    });
  }

  /** The project name; with -p no file is read, so down, ps and logs work even while pond.yaml is broken. */
  async projectName(): Promise<string> {
    if (this.options.projectName) return this.options.projectName;
    return (await this.project()).spec.name;
  }

  /** The folder of pond.yaml (where `.pond/` lives), or undefined when there is no file (-p alone). */
  projectDir(): string | undefined {
    return this.hasFiles() ? this.choice().dir : undefined;
  }

  /** Where this process's project locks (and watch mode's restart streaks) live: POND_LOCK_DIR or a per-user tmp folder. */
  lockDir(): string {
    return lockDir(this.env);
  }

  /** This checkout's identity: the loaded project's, or (with -p and no file) the working folder's. */
  identity(): ProjectIdentity {
    return readIdentity(this.choice().dir);
  }

  /**
   * The backend this command runs on: --engine, else POND_ENGINE, else `engine:` in pond.yaml, else
   * docker. With -p, a pond.yaml that does not load is no reason to fail (down and ps work without
   * it): its `engine:` is then unknown and the default holds.
   */
  async backend(): Promise<BackendName> {
    const given = chooseBackend({ flag: this.options.engine, env: this.env.POND_ENGINE });
    if (this.options.engine?.trim() || this.env.POND_ENGINE?.trim() || !this.hasFiles()) return given;
    try {
      return chooseBackend({ file: (await this.project()).spec.engine });
    } catch (e) {
      if (this.options.projectName !== undefined) return given;
      throw e;
    }
  }

  /** Where a cluster pushes locally built images: --registry, else `registry:` in pond.yaml; undefined when neither. */
  async registry(): Promise<string | undefined> {
    const flag = this.options.registry;
    return chooseRegistry(flag, flag?.trim() ? undefined : (await this.project()).spec.registry);
  }

  /**
   * The engine, pinged and seen through this checkout's ownership (session/owned-engine.ts). With
   * `observing`, that project's snapshot is asked for beside the ping (session/prefetch.ts), or was
   * already, by `prefetch`, when it guessed this project on this backend.
   */
  async openEngine(observing?: string): Promise<Engine> {
    if (!this.engine) {
      const early = await this.takeEarly(observing);
      const base = early?.engine ?? (await this.rawEngine());
      const engine = early?.snapshot || observing === undefined ? base : withEarlyObserve(base, observing);
      if (!early) await engine.ping();
      this.engine = ownedEngine(engine, () => this.identity());
    }
    return this.engine;
  }

  /** `prefetch`'s engine, pinged, when it fits: the docker backend, and the project it guessed if it observed. */
  private async takeEarly(observing?: string): Promise<{ engine: Engine; snapshot: boolean } | undefined> {
    const early = this.early;
    this.early = undefined;
    if (!early || (early.snapshot && observing !== early.project) || (await this.backend()) !== 'docker')
      return undefined;
    const { engine, pinged } = await early.opened;
    await pinged;
    return { engine, snapshot: early.snapshot };
  }

  /**
   * Asks the engine for the ping and the project's snapshot before pond.yaml is loaded, so the engine
   * answers while pond reads the files (a no-op up or plan then waits on it hardly at all). Only on
   * the docker backend chosen by default, for a project guessed from the files' text
   * (cli/project-guess.ts). Its failures surface from openEngine, after the files' own problems.
   * `host`: the engine's description of its host too, which a command about to create asks for.
   * `snapshot: false`: the ping only, for `up`, whose snapshot must be taken under its project lock
   * (one taken before it could predate another pond's apply that the lock was waiting on); it asks
   * for it with observeEarly once it holds the guessed project's lock. Returns the guessed project.
   */
  prefetch(opts: { host?: boolean; snapshot?: boolean } = {}): string | undefined {
    if (this.engine || this.early || this.options.engine?.trim() || this.env.POND_ENGINE?.trim()) return undefined;
    const files = this.choice().files;
    if (!files.length || files.includes(STDIN_FILE)) return undefined;
    let texts: string[];
    try {
      texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    } catch {
      return undefined;
    }
    const project = guessProject(texts, this.choice().dir, this.options.projectName);
    if (!project) return undefined;
    const snapshot = opts.snapshot !== false;
    const opened = createEngine('docker', { env: this.env, retryBudgetMs: this.callRetryBudget() }).then((raw) => {
      const engine = snapshot ? withEarlyObserve(raw, project) : raw;
      const pinged = engine.ping();
      pinged.catch(() => undefined);
      if (opts.host) void engine.host?.(); // asked once per connection, kept for the caller
      return { engine, pinged };
    });
    opened.catch(() => undefined);
    this.early = { project, snapshot, opened };
    return project;
  }

  /**
   * Resolves once prefetch's calls are on the wire (asked, not answered), at once when there are none.
   * Reading the files is synchronous work from end to end (a kept tree, no parse): begun first, it
   * would hold the calls back until it ended, and the engine would start answering only then. One
   * turn of the event loop lets the sockets connect and the requests go out.
   */
  private async earlyCallsSent(): Promise<void> {
    if (!this.early) return;
    await this.early.opened.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * After `prefetch({ snapshot: false })`: asks for the guessed project's snapshot now, beside the ping
   * (the caller holds that project's lock, so nothing it waits on can change the state after it).
   */
  observeEarly(): void {
    const early = this.early;
    if (!early || early.snapshot) return;
    early.snapshot = true;
    early.opened = early.opened.then(({ engine, pinged }) => ({
      engine: withEarlyObserve(engine, early.project),
      pinged,
    }));
    early.opened.catch(() => undefined);
  }

  /** The engine exactly as it is (not pinged), for the one command that looks past ownership (adopt). */
  async rawEngine(): Promise<Engine> {
    const backend = await this.backend();
    const registry = await this.engineRegistry(backend);
    return createEngine(backend, {
      env: this.env,
      retryBudgetMs: this.callRetryBudget(),
      ...(registry && { registry }),
    });
  }

  /** How long engine calls retry a transient fault: POND_ENGINE_RETRY_MS, else this command's own choice. */
  private callRetryBudget(): number | undefined {
    return retryBudget(this.env.POND_ENGINE_RETRY_MS) ?? this.retryBudgetMs;
  }

  /** The registry a swarm pushes to; as backend(), a pond.yaml that does not load under -p means none. */
  private async engineRegistry(backend: BackendName): Promise<string | undefined> {
    if (backend !== 'swarm') return undefined;
    if (this.options.registry?.trim() || !this.hasFiles()) return chooseRegistry(this.options.registry, undefined);
    try {
      return await this.registry();
    } catch (e) {
      if (this.options.projectName !== undefined) return undefined;
      throw e;
    }
  }
}
