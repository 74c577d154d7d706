import { describe, expect, it } from 'vitest';
import { pond, projectDir } from './helpers/pond.js';

const base = `version: 1
name: layered
workloads:
  api:
    image: busybox:1.35
    env:
      MODE: \${MODE:-dev}
      DB_PASSWORD: \${DB_PASSWORD}
      PLAIN: visible
    ports: ["8080"]
`;
const override = `workloads:
  api:
    env:
      MODE: ci
    resources: { memory: 128m }
`;

describe('pond config and validate (no engine needed)', () => {
  it('layers -f files (later wins), fills variables from .env, and never prints a secret', async () => {
    const dir = await projectDir({ 'pond.yaml': base, 'pond.ci.yaml': override, '.env': 'DB_PASSWORD=hunter2-from-dotenv\n' });
    const run = await pond(['-f', 'pond.yaml', '-f', 'pond.ci.yaml', 'config', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.workloads.api.env).toEqual({ MODE: 'ci', DB_PASSWORD: '(sensitive)', PLAIN: 'visible' });
    expect(doc.workloads.api.resources.memory).toBe('128m');
    expect(doc.workloads.api.ports).toEqual(['127.0.0.1:auto->8080/tcp']);
    expect(run.stdout + run.stderr).not.toContain('hunter2');
    const yaml = await pond(['config'], { cwd: dir });
    expect(yaml.stdout).toContain('DB_PASSWORD: ${DB_PASSWORD}');
    expect(yaml.stdout).not.toContain('hunter2');
  });

  it('reads pond.override.yaml on its own when no -f is given', async () => {
    const dir = await projectDir({ 'pond.yaml': base, 'pond.override.yaml': override });
    const run = await pond(['config', '--format', 'json'], { cwd: dir, env: { DB_PASSWORD: 'x' } });
    expect(JSON.parse(run.stdout).workloads.api.env.MODE).toBe('ci');
  });

  it('validate --format json reports every problem with its place, exit 3', async () => {
    const dir = await projectDir({ 'pond.yaml': base.replace('image:', 'imgae:') });
    const run = await pond(['validate', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.diagnostics.map((d: { code: string; location: { line: number; col: number } }) => `${d.location.line}:${d.location.col} ${d.code}`)).toEqual([
      '5:5 unknown-key',
      '8:20 unset-variable',
    ]);
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
