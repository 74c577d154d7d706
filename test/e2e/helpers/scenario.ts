import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { cleanupProject, uniqueProject } from '../../integration/helpers/docker.js';
import { ROOT, pond, pondProcess, type PondRun } from './pond.js';

/** Where each scenario's project lives as files: `testdata/<test-file-stem>/pond.yaml` and what it needs. */
export const TESTDATA = path.join(ROOT, 'test/e2e/testdata');

/**
 * Project names start with this, so a shared engine's objects say whose they are
 * (`POND_E2E_PREFIX=hx npx vitest run ...`); `pond-e2e` when unset.
 */
const prefix = (): string => process.env.POND_E2E_PREFIX || 'pond-e2e';

/**
 * One e2e scenario: a temp copy of its testdata folder (pond writes `.pond/` beside pond.yaml, and
 * tests edit files), a project name no other run shares, handed to pond.yaml as `${E2E_PROJECT}`,
 * and a cleanup by label. Creating one registers that cleanup in afterAll, so a test file cannot
 * forget it.
 */
export interface Scenario {
  /** The temp copy pond runs in. */
  readonly dir: string;
  readonly project: string;
  /** What every pond call of this scenario gets on top of process.env: E2E_PROJECT and the test's own variables. */
  readonly env: Record<string, string>;
  /** A path inside the temp copy. */
  at(...parts: string[]): string;
  /** pond in the scenario's folder, with its env (plus `env`). */
  pond(args: string[], env?: Record<string, string>): Promise<PondRun>;
  /** pond started without waiting, for tests that signal it or race it; one still running at cleanup is killed there. */
  start(args: string[], env?: Record<string, string>): ReturnType<typeof pondProcess>;
  /** Makes `pond.<variant>.yaml` of the testdata folder (no variant: its pond.yaml) the project's pond.yaml, as a user editing it would. */
  use(variant?: string): void;
  /** Kills what `start` started and still runs, then removes the project's containers, networks and volumes by label, and the temp copy. */
  cleanup(): Promise<void>;
}

export interface ScenarioOptions {
  /** The testdata folder to copy, below testdata/ (default: the scenario's name). */
  folder?: string;
  /** The project's name part after the prefix (default: the scenario's name). */
  project?: string;
  /** Variables the project reads through `${VAR}` (a free port, say). */
  env?: Record<string, string>;
  /** Register no afterAll: the caller cleans up itself (a scenario made inside a test). */
  manual?: boolean;
}

/** SIGKILLs a child still running and resolves once it is gone, so no pond acts on the project while it is removed. */
function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return gone;
}

export function scenario(name: string, opts: ScenarioOptions = {}): Scenario {
  const project = uniqueProject(`${prefix()}-${opts.project ?? name}`);
  const source = path.join(TESTDATA, opts.folder ?? name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pond-e2e-${name}-`));
  fs.cpSync(source, dir, { recursive: true });
  const env: Record<string, string> = { E2E_PROJECT: project, ...opts.env };
  const started: ChildProcess[] = [];
  const s: Scenario = {
    dir,
    project,
    env,
    at: (...parts) => path.join(dir, ...parts),
    pond: (args, more) => pond(args, { cwd: dir, env: { ...env, ...more } }),
    start: (args, more) => {
      const child = pondProcess(args, { cwd: dir, env: { ...env, ...more } });
      started.push(child);
      return child;
    },
    use: (variant) =>
      fs.copyFileSync(path.join(source, variant ? `pond.${variant}.yaml` : 'pond.yaml'), path.join(dir, 'pond.yaml')),
    cleanup: async () => {
      await Promise.all(started.map(killed));
      await cleanupProject(project);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  if (!opts.manual) afterAll(() => s.cleanup());
  return s;
}
