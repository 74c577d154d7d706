import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { ROOT } from './helpers/pond.js';

const run = promisify(execFile);
const EXAMPLE = path.join(ROOT, 'examples/testing');
const project = uniqueProject('pond-e2e-api-example');
afterAll(() => cleanupProject(project));

/** Runs a node tool from pond's node_modules in the example's folder; resolves with its exit code and output. */
async function tool(bin: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'node_modules', bin), ...args], {
      cwd: EXAMPLE,
      env: { ...process.env, NO_COLOR: '1', POND_PROJECT_NAME: project },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('examples/testing (vitest global setup on the API, against the built package)', () => {
  it('its suite passes: the global setup brought the page up and the test fetched it', async () => {
    const r = await tool('vitest/vitest.mjs', ['run', '--root', EXAMPLE]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Tests\s+1 passed/);
  });

  it('its teardown removed every container and network of the project', async () => {
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    expect(await docker('network', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe('');
  });

  it("type-checks against the shipped .d.ts (import { Pond } from '@pond-dev/pond')", async () => {
    const r = await tool('typescript/bin/tsc', ['-p', path.join(EXAMPLE, 'tsconfig.json')]);
    expect(r.code, r.out).toBe(0);
  });
});
