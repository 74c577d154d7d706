import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/types.js';
import { checkProjectName } from '../config/project-name.js';
import { UsageError } from '../errors.js';
import { readIdentity, type ProjectIdentity } from '../identity.js';
import { loadProject, type Project } from '../pipeline.js';
import { ownedEngine } from '../session/owned-engine.js';
import { retryBudget } from '../session/open-engine.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  file: string[];
  projectName?: string;
}

const DEFAULT_FILES = ['pond.yaml', 'pond.yml'];
const OVERRIDE_FILES = ['pond.override.yaml', 'pond.override.yml'];

/**
 * What every command shares: the files to read (like compose: pond.yaml plus pond.override.yaml
 * when present, unless -f says otherwise), the output, and an engine opened only when needed.
 */
export class Context {
  readonly output: Output = createOutput();
  private engine?: Engine;
  private loaded?: Promise<Project>;
  /**
   * How long engine calls retry transient faults when POND_ENGINE_RETRY_MS is unset (the engine's own
   * default when undefined). Watch mode sets 0: it retries with its own backoff, and must see an
   * engine restart as the outage it is rather than have it hidden by call retries.
   */
  retryBudgetMs?: number;

  constructor(readonly options: GlobalOptions, readonly env: Record<string, string | undefined> = process.env, readonly cwd = process.cwd()) {
    checkProjectName(options.projectName);
  }

  files(): string[] {
    if (this.options.file.length) return this.options.file.map((f) => path.resolve(this.cwd, f));
    const main = DEFAULT_FILES.map((f) => path.join(this.cwd, f)).find((f) => fs.existsSync(f));
    if (!main) throw new UsageError(`no pond.yaml in ${this.cwd}`, 'create one (see examples/), or point at it with -f path/to/pond.yaml');
    const override = OVERRIDE_FILES.map((f) => path.join(this.cwd, f)).find((f) => fs.existsSync(f));
    return override ? [main, override] : [main];
  }

  hasFiles(): boolean {
    return this.options.file.length > 0 || DEFAULT_FILES.some((f) => fs.existsSync(path.join(this.cwd, f)));
  }

  /** The project as the files say now, read once per command: every caller sees the same snapshot. */
  project(): Promise<Project> {
    this.loaded ??= this.reloadProject();
    return this.loaded;
  }

  /** Reads the files again: for watch mode, which must see every save. */
  reloadProject(): Promise<Project> {
    return loadProject(this.files(), this.env, this.options.projectName);
  }

  /** The project name; with -p no file is read, so down, ps and logs work even while pond.yaml is broken. */
  async projectName(): Promise<string> {
    if (this.options.projectName) return this.options.projectName;
    return (await this.project()).spec.name;
  }

  /** The folder of pond.yaml (where `.pond/` lives), or undefined when there is no file (-p alone). */
  projectDir(): string | undefined {
    return this.hasFiles() ? path.dirname(this.files()[0]!) : undefined;
  }

  /** This checkout's identity: the loaded project's, or (with -p and no file) the working folder's. */
  identity(): ProjectIdentity {
    return readIdentity(this.hasFiles() ? path.dirname(this.files()[0]!) : this.cwd);
  }

  /** The engine, seen through this checkout's ownership (session/owned-engine.ts). */
  async openEngine(): Promise<Engine> {
    if (!this.engine) {
      const { createDockerEngine } = await import('../engine/docker/index.js');
      const engine = createDockerEngine({ host: this.env.DOCKER_HOST, retryBudgetMs: retryBudget(this.env.POND_ENGINE_RETRY_MS) ?? this.retryBudgetMs });
      await engine.ping();
      this.engine = ownedEngine(engine, () => this.identity());
    }
    return this.engine;
  }

  /** The engine exactly as it is, for the one command that looks past ownership (adopt). */
  async rawEngine(): Promise<Engine> {
    const { createDockerEngine } = await import('../engine/docker/index.js');
    return createDockerEngine({ host: this.env.DOCKER_HOST, retryBudgetMs: retryBudget(this.env.POND_ENGINE_RETRY_MS) ?? this.retryBudgetMs });
  }
}
