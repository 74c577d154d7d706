import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/types.js';
import { MAX_NAME_LENGTH } from '../config/caps.js';
import { UsageError } from '../errors.js';
import { readIdentity, type ProjectIdentity } from '../identity.js';
import { loadProject, type Project } from '../pipeline.js';
import { ownedEngine } from './owned-engine.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  file: string[];
  projectName?: string;
}

const DEFAULT_FILES = ['pond.yaml', 'pond.yml'];
/** The same rule as `name:` in schema/pond.schema.json: it becomes container, volume and lock names. */
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
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
    const p = options.projectName;
    if (p !== undefined && !PROJECT_NAME.test(p)) {
      throw new UsageError(`project name "${p}" is not valid`, 'use lowercase letters, digits, "-" and "_", starting with a letter or digit (like name: in pond.yaml)');
    }
    if (p !== undefined && p.length > MAX_NAME_LENGTH) {
      throw new UsageError(`project name "${p}" is ${p.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`, 'it names containers, networks and volumes, and DNS labels hold at most 63 characters');
    }
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

  /** The engine, seen through this checkout's ownership (cli/owned-engine.ts). */
  async openEngine(): Promise<Engine> {
    if (!this.engine) {
      const { createDockerEngine } = await import('../engine/docker/index.js');
      const engine = createDockerEngine({ env: this.env, retryBudgetMs: retryBudget(this.env.POND_ENGINE_RETRY_MS) ?? this.retryBudgetMs });
      await engine.ping();
      this.engine = ownedEngine(engine, () => this.identity());
    }
    return this.engine;
  }

  /** The engine exactly as it is, for the one command that looks past ownership (adopt). */
  async rawEngine(): Promise<Engine> {
    const { createDockerEngine } = await import('../engine/docker/index.js');
    return createDockerEngine({ env: this.env, retryBudgetMs: retryBudget(this.env.POND_ENGINE_RETRY_MS) ?? this.retryBudgetMs });
  }
}

/** POND_ENGINE_RETRY_MS: how long engine calls retry transient failures (tests shorten it; 0 = never). */
function retryBudget(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
