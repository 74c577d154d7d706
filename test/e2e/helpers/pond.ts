import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker } from '../../integration/helpers/docker.js';
import { tempDir } from '../../support/temp-dir.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/pond');

export interface PondRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with no TTY; `CI` and colours off so output is plain. */
export function pond(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<PondRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--', BIN, ...args],
      { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env }, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts the CLI without waiting, for tests that signal it or race it. */
export function pondProcess(args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  return spawn(process.execPath, ['--', BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
}

/** A fresh project folder holding `files` (pond.yaml and anything it mounts), removed when the test file ends. */
export async function projectDir(files: Record<string, string>): Promise<string> {
  const dir = tempDir('pond-e2e-', { keep: 'file' });
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  return dir;
}

export interface Seen {
  id: string;
  name: string;
  workload: string;
  state: string;
  env: string[];
}

/** The project's containers as the docker CLI sees them (an independent witness), by workload. */
export async function containers(project: string): Promise<Record<string, Seen>> {
  const ids = (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).split('\n').filter(Boolean);
  if (!ids.length) return {};
  const inspected = JSON.parse(await docker('inspect', ...ids)) as {
    Id: string;
    Name: string;
    State: { Status: string };
    Config: { Labels: Record<string, string>; Env: string[] };
  }[];
  return Object.fromEntries(
    inspected.map((c) => [
      c.Config.Labels['dev.pond.workload']!,
      {
        id: c.Id,
        name: c.Name.slice(1),
        workload: c.Config.Labels['dev.pond.workload']!,
        state: c.State.Status,
        env: c.Config.Env,
      },
    ]),
  );
}

/** Engine events for the project's objects between two instants (docker's own record of mutations). */
export async function mutationsSince(project: string, since: number): Promise<string[]> {
  const until = Math.ceil(Date.now() / 1000) + 1;
  const out = await docker(
    'events',
    '--since',
    (since / 1000).toFixed(3),
    '--until',
    String(until),
    '--filter',
    `label=dev.pond.project=${project}`,
    '--format',
    '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}',
  );
  return out.split('\n').filter((l) => l && !/ (exec_|health_status)/.test(l));
}
