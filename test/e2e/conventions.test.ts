import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { containers, pond, ROOT } from './helpers/pond.js';
import { scenario, type Scenario } from './helpers/scenario.js';
import { pondWithInput } from './helpers/stdio.js';
import { tempDir } from '../support/temp-dir.js';

// Compose and Terraform habits: where the configuration comes from (POND_FILE, POND_PROJECT_NAME,
// --project-directory, --env-file, -f -) and how output is written (--progress, colour per stream).
const BIN = `"${process.execPath}" -- "${path.join(ROOT, 'bin/pond')}"`;

/** A project of testdata/conventions/ (`folder` below it), with a name of its own. */
const conventions = (name: string, folder: string): Scenario =>
  scenario(`conventions-${name}`, { folder: `conventions/${folder}` });
/** testdata/conventions/sleepers/: two sleeping services, b depending on a; each output test has its own, as up's output depends on what is already there. */
const sleepers = (name: string): Scenario => conventions(name, 'sleepers');

/** The env a container was created with, as docker records it. */
async function envOf(project: string, workload: string): Promise<Record<string, string>> {
  const seen = (await containers(project))[workload];
  if (!seen) throw new Error(`no container for ${workload} in ${project}`);
  return Object.fromEntries(seen.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** A shell line (a pty through script, pipes, redirections) in the scenario's folder, without NO_COLOR, FORCE_COLOR and CI unless `env` sets them. */
function sh(
  line: string,
  s: Scenario,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const base: Record<string, string | undefined> = { ...process.env };
    for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI']) delete base[k];
    execFile('sh', ['-c', line], { cwd: s.dir, env: { ...base, ...s.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  await waitForImage('busybox:1.35');
}, 130_000);

describe('where the configuration comes from', () => {
  const layered = conventions('layered', 'layered');
  it('POND_FILE layers its files in order, like COMPOSE_FILE', async () => {
    const up = await layered.pond(['up'], { POND_FILE: 'base.yaml:ci.yaml' });
    expect(up.code, up.stderr).toBe(0);
    expect(await envOf(layered.project, 'a')).toMatchObject({ LAYER: 'ci', ONLY_BASE: '1' });
  }, 60_000);

  const unnamed = conventions('unnamed', 'unnamed');
  it('POND_PROJECT_NAME names the project when -p is not given', async () => {
    const up = await unnamed.pond(['up'], { POND_PROJECT_NAME: unnamed.project });
    expect(up.code, up.stderr).toBe(0);
    expect(await docker('ps', '-q', '--filter', `label=dev.pond.project=${unnamed.project}`)).not.toBe('');
  }, 60_000);

  it('-p wins over POND_PROJECT_NAME', async () => {
    const config = await unnamed.pond(['-p', 'from-flag', 'config', '--format', 'json'], {
      POND_PROJECT_NAME: 'from-env',
    });
    expect(config.code, config.stderr).toBe(0);
    expect(JSON.parse(config.stdout).name).toBe('from-flag');
  });

  const located = conventions('project-dir', 'project-dir');
  it('--project-directory is where pond.yaml is found and its relative paths resolve from', async () => {
    const elsewhere = tempDir('pond-e2e-conv-cwd-', { keep: 'file' });
    const up = await pond(['--project-directory', located.dir, 'up'], { cwd: elsewhere, env: located.env });
    expect(up.code, up.stderr).toBe(0);
    expect(await docker('exec', (await containers(located.project)).a!.id, 'cat', '/www/index.html')).toBe(
      'from the project folder',
    );
  }, 60_000);

  const envFile = conventions('env-file', 'env-file');
  it('--env-file replaces .env: later files win, and the default .env is not read', async () => {
    const up = await envFile.pond(['--env-file', 'one.env', '--env-file', 'two.env', 'up']);
    expect(up.code, up.stderr).toBe(0);
    expect(await envOf(envFile.project, 'a')).toMatchObject({ A: 'two', B: 'one', C: 'unset' });
  }, 60_000);

  const stdin = conventions('stdin', 'stdin');
  it('-f - reads pond.yaml from stdin', async () => {
    const up = await pondWithInput(['-f', '-', 'up'], await fs.readFile(stdin.at('stdin.yaml'), 'utf8'), stdin);
    expect(up.code, up.stderr).toBe(0);
    expect(await envOf(stdin.project, 'a')).toMatchObject({ FROM: 'stdin' });
  }, 60_000);

  const context = sleepers('context');
  it('DOCKER_CONTEXT points pond at the engine of a context the docker CLI made', async () => {
    const config = context.at('docker-config');
    await docker(
      '--config',
      config,
      'context',
      'create',
      'nowhere',
      '--docker',
      'host=unix:///nonexistent/pond-e2e.sock',
    );
    await docker('--config', config, 'context', 'create', 'here', '--docker', 'host=unix:///var/run/docker.sock');
    const away = await context.pond(['ps'], {
      DOCKER_CONFIG: config,
      DOCKER_CONTEXT: 'nowhere',
      DOCKER_HOST: '',
      POND_ENGINE_RETRY_MS: '0',
    });
    const home = await context.pond(['ps'], { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'here', DOCKER_HOST: '' });
    expect([away.code, away.stderr.includes('/nonexistent/pond-e2e.sock')]).toEqual([4, true]);
    expect(home.code, home.stderr).toBe(0);
  });

  it('an error in pond.yaml from stdin is placed at <stdin>:line:col, exit 3', async () => {
    const run = await pondWithInput(['-f', '-', 'validate'], await fs.readFile(stdin.at('bad.yaml'), 'utf8'), stdin);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('<stdin>:3:5 error[unknown-key]');
  });
});

describe('how output is written', () => {
  const progressJson = sleepers('progress-json');
  it('--progress json writes only JSON lines on stderr, with a done event for every step of the up', async () => {
    const up = await progressJson.pond(['up', '--progress', 'json']);
    expect(up.code, up.stderr).toBe(0);
    const events = up.stderr
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            step: string;
            status: string;
            time: string;
            action: string;
            resource: string;
            name: string;
          },
      );
    const steps = new Set(events.map((e) => e.step));
    expect([...steps].sort()).toEqual(['container:a', 'container:b', 'network:default']);
    expect(
      events
        .filter((e) => e.status === 'done')
        .map((e) => e.step)
        .sort(),
    ).toEqual([...steps].sort());
    expect(Object.keys(await containers(progressJson.project))).toEqual(expect.arrayContaining(['a', 'b']));
  }, 60_000);

  const quiet = sleepers('quiet');
  it('--progress quiet (and -q) print nothing when all goes well', async () => {
    const up = await quiet.pond(['up', '--progress', 'quiet']);
    expect({ code: up.code, stdout: up.stdout, stderr: up.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await containers(quiet.project)).b?.state).toBe('running');
    const down = await quiet.pond(['down', '-q']);
    expect({ code: down.code, stdout: down.stdout, stderr: down.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await containers(quiet.project)).toEqual({});
  }, 60_000);

  const colour = sleepers('colour');
  it('colour is decided per stream: stdout redirected to a file gets none, stderr on the terminal keeps it', async () => {
    const run = await sh(`script -qec '${BIN} up > out.txt' /dev/null`, colour);
    expect(run.code, run.stdout).toBe(0);
    const file = await fs.readFile(colour.at('out.txt'), 'utf8');
    expect(file).toContain('busybox:1.35');
    expect(file).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/\x1b\[3\dm/);
  }, 60_000);

  const planFile = sleepers('plan-file');
  it('pond plan > file writes no escape codes (a plan on the terminal is coloured)', async () => {
    const shown = await sh(`script -qec '${BIN} plan' /dev/null`, planFile);
    const saved = await sh(`script -qec '${BIN} plan > plan.txt' /dev/null`, planFile);
    expect(shown.stdout).toMatch(/\x1b\[32m\s+\+\x1b\[0m container a/);
    expect(saved.code).toBe(0);
    const file = await fs.readFile(planFile.at('plan.txt'), 'utf8');
    expect(file).toMatch(/\+ container a/);
    expect(file).not.toContain('\x1b[');
  }, 30_000);

  const noColour = sleepers('no-colour');
  it('NO_COLOR on a sized terminal gives plain timestamped progress lines, no colour, no redraw', async () => {
    const run = await sh(`script -qec 'stty cols 120 rows 40; ${BIN} up' /dev/null`, noColour, { NO_COLOR: '1' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} create b: done\r?$/m);
  }, 60_000);

  const live = sleepers('live');
  it('a sized terminal without NO_COLOR draws progress live (the contrast to the test above)', async () => {
    const run = await sh(`script -qec 'stty cols 120 rows 40; ${BIN} up' /dev/null`, live);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('\x1b[?25l'); // listr2 hides the cursor while it redraws
    expect(run.stdout).not.toMatch(/^\d\d:\d\d:\d\d\.\d{3} create b: done/m);
  }, 60_000);

  const zeroCols = sleepers('zero-cols');
  it('a terminal that reports zero columns gets plain lines', async () => {
    const run = await sh(`script -qec 'stty cols 0 rows 0; ${BIN} up' /dev/null`, zeroCols);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain('\x1b[?25l');
    expect(run.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} create b: done\r?$/m);
  }, 60_000);

  const piped = sleepers('piped');
  it('FORCE_COLOR=1 colours output going into a pipe', async () => {
    const forced = await sh(`${BIN} plan | cat`, piped, { FORCE_COLOR: '1' });
    const plain = await sh(`${BIN} plan | cat`, piped);
    expect(forced.stdout).toMatch(/\x1b\[32m\s+\+\x1b\[0m container a/);
    expect(plain.stdout).not.toContain('\x1b[');
  });
});
