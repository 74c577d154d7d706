import { describe, expect, it } from 'vitest';
import { pond } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('config');
const override = scenario('config-override', { folder: 'config/override' });
const typo = scenario('config-typo', { folder: 'config/typo' });

describe('pond config and validate (no engine needed)', () => {
  it('layers -f files (later wins), fills variables from .env, and never prints a secret', async () => {
    const run = await s.pond(['-f', 'pond.yaml', '-f', 'pond.ci.yaml', 'config', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.workloads.api.env).toEqual({ MODE: 'ci', DB_PASSWORD: '(sensitive)', PLAIN: 'visible' });
    expect(doc.workloads.api.resources.memory).toBe('128m');
    expect(doc.workloads.api.ports).toEqual(['127.0.0.1:auto->8080/tcp']);
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    const yaml = await s.pond(['config']);
    expect(yaml.stdout).toContain('DB_PASSWORD: ${DB_PASSWORD}');
    expect(yaml.stdout).not.toContain('hunter2');
  });

  it('reads pond.override.yaml on its own when no -f is given', async () => {
    const run = await override.pond(['config', '--format', 'json'], { DB_PASSWORD: 'x' });
    expect(JSON.parse(run.stdout).workloads.api.env.MODE).toBe('ci');
  });

  it('validate --format json reports every problem with its place, exit 3', async () => {
    const run = await typo.pond(['validate', '--format', 'json']);
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout);
    expect(doc.valid).toBe(false);
    expect(
      doc.diagnostics.map(
        (d: { code: string; location: { line: number; col: number } }) =>
          `${d.location.line}:${d.location.col} ${d.code}`,
      ),
    ).toEqual(['5:5 unknown-key', '8:20 unset-variable']);
  });

  it('refuses a project name that could escape its folder or name nothing, touching nothing', async () => {
    for (const name of ['../../evil', '', 'Bad Name']) {
      const run = await pond(['-p', name, 'down'], { cwd: '/' });
      expect(run.code, name).toBe(3);
      expect(run.stderr).toContain(`project name "${name}" is not valid`);
    }
  });

  it('--help works on every command', async () => {
    for (const cmd of ['validate', 'config', 'plan', 'up', 'down', 'ps', 'logs']) {
      const run = await pond([cmd, '--help'], { cwd: '/' });
      expect(run.code, cmd).toBe(0);
      expect(run.stdout, cmd).toContain(`Usage: pond ${cmd}`);
    }
  });
});
