import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { containers, pond, projectDir, ROOT, type PondRun } from './helpers/pond.js';
import { tempDir } from '../support/temp-dir.js';

// Compose and Terraform habits: where the configuration comes from (POND_FILE, POND_PROJECT_NAME,
// --project-directory, --env-file, -f -) and how output is written (--progress, colour per stream).
const used: string[] = [];
const fresh = (): string => {
  const p = uniqueProject('pond-e2e-conv');
  used.push(p);
  return p;
};
const BIN = `"${process.execPath}" -- "${path.join(ROOT, 'bin/pond')}"`;
const sleeper = (name: string, extra = ''): string => `  ${name}:\n    image: busybox:1.35\n    command: [sleep, "300"]\n${extra}`;

/** The env a container was created with, as docker records it. */
async function envOf(project: string, workload: string): Promise<Record<string, string>> {
  const seen = (await containers(project))[workload];
  if (!seen) throw new Error(`no container for ${workload} in ${project}`);
  return Object.fromEntries(seen.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** The CLI with `input` on stdin (pipes elsewhere). */
function pondWithStdin(args: string[], input: string, cwd: string): Promise<PondRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--', path.join(ROOT, 'bin/pond'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A shell line (a pty through script, pipes, redirections) without NO_COLOR, FORCE_COLOR and CI unless `env` sets them. */
function sh(line: string, cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const base: Record<string, string | undefined> = { ...process.env };
    for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI']) delete base[k];
    execFile('sh', ['-c', line], { cwd, env: { ...base, ...env } }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

const twoSleepers = (project: string): string => `version: 1\nname: ${project}\nworkloads:\n${sleeper('a')}${sleeper('b', '    depends_on: { a: started }\n')}`;

beforeAll(async () => {
  await waitForImage('busybox:1.35');
}, 130_000);

afterAll(async () => {
  for (const p of used) await cleanupProject(p);
});

describe('where the configuration comes from', () => {
  it('POND_FILE layers its files in order, like COMPOSE_FILE', async () => {
    const project = fresh();
    const dir = await projectDir({
      'base.yaml': `version: 1\nname: ${project}\nworkloads:\n${sleeper('a', '    env: { LAYER: base, ONLY_BASE: "1" }\n')}`,
      'ci.yaml': 'workloads:\n  a:\n    env: { LAYER: ci }\n',
    });
    const up = await pond(['up'], { cwd: dir, env: { POND_FILE: 'base.yaml:ci.yaml' } });
    expect(up.code, up.stderr).toBe(0);
    expect(await envOf(project, 'a')).toMatchObject({ LAYER: 'ci', ONLY_BASE: '1' });
  }, 60_000);

  it('POND_PROJECT_NAME names the project when -p is not given', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': `version: 1\nworkloads:\n${sleeper('a')}` });
    const up = await pond(['up'], { cwd: dir, env: { POND_PROJECT_NAME: project } });
    expect(up.code, up.stderr).toBe(0);
    expect(await docker('ps', '-q', '--filter', `label=dev.pond.project=${project}`)).not.toBe('');
  }, 60_000);

  it('-p wins over POND_PROJECT_NAME', async () => {
    const dir = await projectDir({ 'pond.yaml': `version: 1\nworkloads:\n${sleeper('a')}` });
    const config = await pond(['-p', 'from-flag', 'config', '--format', 'json'], { cwd: dir, env: { POND_PROJECT_NAME: 'from-env' } });
    expect(config.code, config.stderr).toBe(0);
    expect(JSON.parse(config.stdout).name).toBe('from-flag');
  });

  it('--project-directory is where pond.yaml is found and its relative paths resolve from', async () => {
    const project = fresh();
    const dir = await projectDir({
      'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n${sleeper('a', '    volumes: ["./www:/www:ro"]\n')}`,
      'www/index.html': 'from the project folder\n',
    });
    const elsewhere = tempDir('pond-e2e-conv-cwd-', { keep: 'file' });
    const up = await pond(['--project-directory', dir, 'up'], { cwd: elsewhere });
    expect(up.code, up.stderr).toBe(0);
    expect(await docker('exec', (await containers(project)).a!.id, 'cat', '/www/index.html')).toBe('from the project folder');
  }, 60_000);

  it('--env-file replaces .env: later files win, and the default .env is not read', async () => {
    const project = fresh();
    const dir = await projectDir({
      'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n${sleeper('a', '    env: { A: "${A}", B: "${B}", C: "${C:-unset}" }\n')}`,
      '.env': 'A=dotenv\nB=dotenv\nC=dotenv\n',
      'one.env': 'A=one\nB=one\n',
      'two.env': 'A=two\n',
    });
    const up = await pond(['--env-file', 'one.env', '--env-file', 'two.env', 'up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(await envOf(project, 'a')).toMatchObject({ A: 'two', B: 'one', C: 'unset' });
  }, 60_000);

  it('-f - reads pond.yaml from stdin', async () => {
    const project = fresh();
    const dir = await projectDir({});
    const up = await pondWithStdin(['-f', '-', 'up'], `version: 1\nname: ${project}\nworkloads:\n${sleeper('a', '    env: { FROM: stdin }\n')}`, dir);
    expect(up.code, up.stderr).toBe(0);
    expect(await envOf(project, 'a')).toMatchObject({ FROM: 'stdin' });
  }, 60_000);

  it('DOCKER_CONTEXT points pond at the engine of a context the docker CLI made', async () => {
    const dir = await projectDir({ 'pond.yaml': `version: 1\nname: ${fresh()}\nworkloads:\n${sleeper('a')}` });
    const config = path.join(dir, 'docker-config');
    await docker('--config', config, 'context', 'create', 'nowhere', '--docker', 'host=unix:///nonexistent/pond-e2e.sock');
    await docker('--config', config, 'context', 'create', 'here', '--docker', 'host=unix:///var/run/docker.sock');
    const away = await pond(['ps'], { cwd: dir, env: { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'nowhere', DOCKER_HOST: '', POND_ENGINE_RETRY_MS: '0' } });
    const home = await pond(['ps'], { cwd: dir, env: { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'here', DOCKER_HOST: '' } });
    expect([away.code, away.stderr.includes('/nonexistent/pond-e2e.sock')]).toEqual([4, true]);
    expect(home.code, home.stderr).toBe(0);
  });

  it('an error in pond.yaml from stdin is placed at <stdin>:line:col, exit 3', async () => {
    const dir = await projectDir({});
    const run = await pondWithStdin(['-f', '-', 'validate'], 'workloads:\n  a:\n    imag: busybox:1.35\nversion: 1\n', dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('<stdin>:3:5 error[unknown-key]');
  });
});

describe('how output is written', () => {
  it('--progress json writes only JSON lines on stderr, with a done event for every step of the up', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': twoSleepers(project) });
    const up = await pond(['up', '--progress', 'json'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const events = up.stderr.trimEnd().split('\n').map((l) => JSON.parse(l) as { step: string; status: string; time: string; action: string; resource: string; name: string });
    const steps = new Set(events.map((e) => e.step));
    expect([...steps].sort()).toEqual(['container:a', 'container:b', 'network:default']);
    expect(events.filter((e) => e.status === 'done').map((e) => e.step).sort()).toEqual([...steps].sort());
    expect(Object.keys((await containers(project)))).toEqual(expect.arrayContaining(['a', 'b']));
  }, 60_000);

  it('--progress quiet (and -q) print nothing when all goes well', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': twoSleepers(project) });
    const up = await pond(['up', '--progress', 'quiet'], { cwd: dir });
    expect({ code: up.code, stdout: up.stdout, stderr: up.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await containers(project)).b?.state).toBe('running');
    const down = await pond(['down', '-q'], { cwd: dir });
    expect({ code: down.code, stdout: down.stdout, stderr: down.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await containers(project)).toEqual({});
  }, 60_000);

  it('colour is decided per stream: stdout redirected to a file gets none, stderr on the terminal keeps it', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': twoSleepers(project) });
    const run = await sh(`script -qec '${BIN} up > out.txt' /dev/null`, dir);
    expect(run.code, run.stdout).toBe(0);
    const file = await fs.readFile(path.join(dir, 'out.txt'), 'utf8');
    expect(file).toContain('busybox:1.35');
    expect(file).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/\x1b\[3\dm/);
  }, 60_000);

  it('pond plan > file writes no escape codes (a plan on the terminal is coloured)', async () => {
    const dir = await projectDir({ 'pond.yaml': twoSleepers(fresh()) });
    const shown = await sh(`script -qec '${BIN} plan' /dev/null`, dir);
    const saved = await sh(`script -qec '${BIN} plan > plan.txt' /dev/null`, dir);
    expect(shown.stdout).toMatch(/\x1b\[32m\s+\+\x1b\[0m container a/);
    expect(saved.code).toBe(0);
    const file = await fs.readFile(path.join(dir, 'plan.txt'), 'utf8');
    expect(file).toMatch(/\+ container a/);
    expect(file).not.toContain('\x1b[');
  }, 30_000);

  it('NO_COLOR on a sized terminal gives plain timestamped progress lines, no colour, no redraw', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': twoSleepers(project) });
    const run = await sh(`script -qec 'stty cols 120 rows 40; ${BIN} up' /dev/null`, dir, { NO_COLOR: '1' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} create b: done\r?$/m);
  }, 60_000);

  it('a sized terminal without NO_COLOR draws progress live (the contrast to the test above)', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': twoSleepers(project) });
    const run = await sh(`script -qec 'stty cols 120 rows 40; ${BIN} up' /dev/null`, dir);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('\x1b[?25l'); // listr2 hides the cursor while it redraws
    expect(run.stdout).not.toMatch(/^\d\d:\d\d:\d\d\.\d{3} create b: done/m);
  }, 60_000);

  it('a terminal that reports zero columns gets plain lines', async () => {
    const project = fresh();
    const dir = await projectDir({ 'pond.yaml': twoSleepers(project) });
    const run = await sh(`script -qec 'stty cols 0 rows 0; ${BIN} up' /dev/null`, dir);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('\x1b[?25l');
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} create b: done\r?$/m);
  }, 60_000);

  it('FORCE_COLOR=1 colours output going into a pipe', async () => {
    const dir = await projectDir({ 'pond.yaml': twoSleepers(fresh()) });
    const forced = await sh(`${BIN} plan | cat`, dir, { FORCE_COLOR: '1' });
    const plain = await sh(`${BIN} plan | cat`, dir);
    expect(forced.stdout).toMatch(/\x1b\[32m\s+\+\x1b\[0m container a/);
    expect(plain.stdout).not.toContain('\x1b[');
  });
});
