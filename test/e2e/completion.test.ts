import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('completion');
const broken = scenario('completion-broken', { folder: 'completion/broken' });
const none = scenario('completion-none', { folder: 'completion/none' });

/** Sources `pond completion bash` in a fresh bash, sets the line as bash would on TAB, and returns COMPREPLY. */
function complete(cwd: string, words: string[]): Promise<string[]> {
  const line = words.map((w) => `'${w}'`).join(' ');
  const script = `eval "$(pond completion bash)"; COMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _pond_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd, env: { ...process.env, PATH: `${path.join(ROOT, 'bin')}:${process.env.PATH}` } },
      (err, stdout) => {
        if (err) reject(err);
        else resolve(stdout.split('\n').filter(Boolean));
      },
    );
  });
}

describe('bash completion (pond completion bash)', () => {
  it('pond st<TAB> offers start, stats and stop', async () => {
    expect(await complete(s.dir, ['pond', 'st'])).toEqual(['start', 'stats', 'stop']);
  });

  it('pond logs <TAB> offers the workload names in pond.yaml', async () => {
    expect(await complete(s.dir, ['pond', 'logs', ''])).toEqual(['db', 'nightly', 'web']);
  });

  it('pond up --no-<TAB> offers the negated flags of up', async () => {
    expect(await complete(s.dir, ['pond', 'up', '--no-'])).toEqual(['--no-deps', '--no-recreate', '--no-wait']);
  });

  it('pond runs <TAB> offers only the bots', async () => {
    expect(await complete(s.dir, ['pond', 'runs', ''])).toEqual(['nightly']);
  });

  it('with a broken pond.yaml, names are left out quietly and commands still complete', async () => {
    const names = await broken.pond(['__complete', 'logs', '']);
    expect(names).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await complete(broken.dir, ['pond', 'st'])).toEqual(['start', 'stats', 'stop']);
  });

  it('with no pond.yaml, nothing is printed for names and the exit code is 0', async () => {
    expect(await none.pond(['__complete', 'logs', ''])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('pond completion', () => {
  it('prints a script for zsh and fish that calls back pond __complete', async () => {
    for (const shell of ['zsh', 'fish']) {
      const run = await none.pond(['completion', shell]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('pond __complete');
    }
  });

  it('refuses an unknown shell with exit 3', async () => {
    const run = await none.pond(['completion', 'tcsh']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('tcsh');
  });
});
