import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pond, projectDir, ROOT } from './helpers/pond.js';

const yaml = `version: 1
name: completing
workloads:
  db: { image: postgres:15 }
  web: { image: busybox:1.35 }
  nightly: { kind: bot, runtime: python3.11, code: ./bot, schedule: "0 6 * * *" }
`;

/** Sources `pond completion bash` in a fresh bash, sets the line as bash would on TAB, and returns COMPREPLY. */
function complete(cwd: string, words: string[]): Promise<string[]> {
  const line = words.map((w) => `'${w}'`).join(' ');
  const script = `eval "$(pond completion bash)"; COMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _pond_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', script], { cwd, env: { ...process.env, PATH: `${path.join(ROOT, 'bin')}:${process.env.PATH}` } }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout.split('\n').filter(Boolean));
    });
  });
}

describe('bash completion (pond completion bash)', () => {
  it('pond st<TAB> offers start, stats and stop', async () => {
    const dir = await projectDir({ 'pond.yaml': yaml });
    expect(await complete(dir, ['pond', 'st'])).toEqual(['start', 'stats', 'stop']);
  });

  it("pond logs <TAB> offers the workload names in pond.yaml", async () => {
    const dir = await projectDir({ 'pond.yaml': yaml });
    expect(await complete(dir, ['pond', 'logs', ''])).toEqual(['db', 'nightly', 'web']);
  });

  it('pond up --no-<TAB> offers the negated flags of up', async () => {
    const dir = await projectDir({ 'pond.yaml': yaml });
    expect(await complete(dir, ['pond', 'up', '--no-'])).toEqual(['--no-deps', '--no-recreate', '--no-wait']);
  });

  it('pond runs <TAB> offers only the bots', async () => {
    const dir = await projectDir({ 'pond.yaml': yaml });
    expect(await complete(dir, ['pond', 'runs', ''])).toEqual(['nightly']);
  });

  it('with a broken pond.yaml, names are left out quietly and commands still complete', async () => {
    const dir = await projectDir({ 'pond.yaml': 'workloads: [unclosed\n' });
    const names = await pond(['__complete', 'logs', ''], { cwd: dir });
    expect(names).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await complete(dir, ['pond', 'st'])).toEqual(['start', 'stats', 'stop']);
  });

  it('with no pond.yaml, nothing is printed for names and the exit code is 0', async () => {
    const dir = await projectDir({});
    expect(await pond(['__complete', 'logs', ''], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('pond completion', () => {
  it('prints a script for zsh and fish that calls back pond __complete', async () => {
    const dir = await projectDir({});
    for (const shell of ['zsh', 'fish']) {
      const run = await pond(['completion', shell], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('pond __complete');
    }
  });

  it('refuses an unknown shell with exit 3', async () => {
    const run = await pond(['completion', 'tcsh'], { cwd: await projectDir({}) });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('tcsh');
  });
});
