import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../config/format.js';
import { checkProjectName } from '../config/project-name.js';
import type { Engine } from '../engine/types.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import { readIdentity } from '../identity.js';
import { lockDir } from '../lock/lock.js';
import { loadProject, type Project } from '../pipeline.js';
import { chooseBackend } from '../session/backend-choice.js';
import { openOwnedEngine } from '../session/open-engine.js';
import { down } from './down.js';
import { info } from './info.js';
import type {
  DownOptions,
  DownResult,
  InfoOptions,
  LoadOptions,
  PlanOptions,
  ProjectInfo,
  UpOptions,
  UpResult,
} from './option-types.js';
import { loadSchema, parseOptions } from './options.js';
import { plan } from './plan.js';
import type { PlanData } from './types.js';
import { up } from './up.js';

/**
 * A pond.yaml as a value a test suite can drive: `load` in a global setup, `up`, read `info` for
 * the URLs, `down` in the teardown. The same contracts as the CLI (one apply per project at a time,
 * labels and ownership, secrets hidden), with progress as events and failures as typed errors
 * (each PondError carries the CLI's exit code). Nothing is written to stdout or stderr.
 */
export class Pond {
  private engine?: Promise<Engine>;

  private constructor(
    private readonly project: Project,
    private readonly env: Record<string, string | undefined>,
  ) {}

  /**
   * Reads and validates the files (nothing touches the engine). Throws ConfigError with every
   * problem as `file:line:col error[code]: …` in its message and as data in `diagnostics`.
   */
  static async load(options: LoadOptions): Promise<Pond> {
    const o = parseOptions(loadSchema, options, 'Pond.load');
    checkProjectName(o.projectName);
    const cwd = o.cwd ?? process.cwd();
    const files = [o.file].flat().map((f) => path.resolve(cwd, f instanceof URL ? fileURLToPath(f) : f));
    // The library's one read of the process environment: everything below is given `env`.
    const env = { ...process.env, ...o.env };
    try {
      return new Pond(await loadProject(files, env, o.projectName), env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      throw new ConfigError(
        e.diagnostics,
        [...e.diagnostics.map((d) => formatDiagnostic(d, cwd)), ...e.notes.map((n) => `note: ${n}`)].join('\n'),
        e.notes,
      );
    }
  }

  /** The project name: `projectName`, else `name:`, else the folder's name. */
  get name(): string {
    return this.project.spec.name;
  }

  /** The configuration's warnings (also sent as `warning` events by `up`). */
  get warnings(): Diagnostic[] {
    return this.project.warnings;
  }

  /** What `up` would do now, as data; touches nothing. */
  plan(options?: PlanOptions): Promise<PlanData> {
    return plan(this.project, () => this.open(), options);
  }

  /** Makes the engine match the files and waits until the workloads are ready. */
  up(options?: UpOptions): Promise<UpResult> {
    return up(this.project, lockDir(this.env), () => this.open(), options);
  }

  /** URLs, host ports and connection facts of what runs now. */
  info(options?: InfoOptions): Promise<ProjectInfo> {
    return info(this.project, () => this.open(), options);
  }

  /** Removes the project's containers and network (and volumes with `volumes: true`). */
  down(options?: DownOptions): Promise<DownResult> {
    return down(this.project.spec.name, this.project.spec.dir, lockDir(this.env), () => this.open(), options);
  }

  private open(): Promise<Engine> {
    this.engine ??= this.connect().catch((e: unknown) => {
      this.engine = undefined;
      throw e;
    });
    return this.engine;
  }

  /** The backend POND_ENGINE (in `env`) or `engine:` chooses, docker by default, opened and pinged. */
  private async connect(): Promise<Engine> {
    const backend = chooseBackend({ env: this.env.POND_ENGINE, file: this.project.spec.engine });
    return openOwnedEngine(backend, this.env, () => readIdentity(this.project.spec.dir), this.project.spec.registry);
  }
}
