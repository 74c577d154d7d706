import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { loadProject, type Project } from '../pipeline.js';
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

  constructor(readonly options: GlobalOptions, readonly env: Record<string, string | undefined> = process.env, readonly cwd = process.cwd()) {}

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

  project(): Promise<Project> {
    return loadProject(this.files(), this.env, this.options.projectName);
  }

  /** The project name without needing a valid file when -p is given (down, ps and logs work that way). */
  async projectName(): Promise<string> {
    if (this.options.projectName && !this.hasFiles()) return this.options.projectName;
    return (await this.project()).spec.name;
  }

  async openEngine(): Promise<Engine> {
    if (!this.engine) {
      const { createDockerEngine } = await import('../engine/docker/index.js');
      this.engine = createDockerEngine({ host: this.env.DOCKER_HOST });
      await this.engine.ping();
    }
    return this.engine;
  }
}
