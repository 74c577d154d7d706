import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Context } from '../../../src/cli/context.js';
import { UsageError } from '../../../src/errors.js';
import { tempDir } from '../../support/temp-dir.js';

async function folder(yaml: string): Promise<string> {
  const dir = tempDir('pond-engine-choice-');
  await fs.writeFile(path.join(dir, 'pond.yaml'), yaml);
  return dir;
}

const SWARM_FILE = 'version: 1\nname: demo\nengine: swarm\nworkloads: {}\n';
const ctx = (dir: string, env: Record<string, string> = {}, engine?: string) =>
  new Context({ file: [], ...(engine !== undefined && { engine }), noColor: true }, env, dir);

describe("a command's backend: --engine > POND_ENGINE > engine: > docker", () => {
  it('engine: swarm in pond.yaml is the backend when neither flag nor env is given', async () => {
    expect(await ctx(await folder(SWARM_FILE)).backend()).toBe('swarm');
  });

  it('POND_ENGINE=docker wins over engine: swarm', async () => {
    expect(await ctx(await folder(SWARM_FILE), { POND_ENGINE: 'docker' }).backend()).toBe('docker');
  });

  it('--engine docker wins over POND_ENGINE=swarm and engine: swarm', async () => {
    expect(await ctx(await folder(SWARM_FILE), { POND_ENGINE: 'swarm' }, 'docker').backend()).toBe('docker');
  });

  it('no file and nothing given: docker', async () => {
    expect(await ctx(tempDir('pond-engine-none-')).backend()).toBe('docker');
  });

  it('an unknown --engine is a usage error before any file is read', async () => {
    await expect(ctx(await folder('not: [valid'), {}, 'nope').backend()).rejects.toBeInstanceOf(UsageError);
  });

  it('with -p, a pond.yaml that does not load leaves the default instead of failing (down and ps still work)', async () => {
    const dir = await folder('version: 1\nworkloads: [\n');
    const c = new Context({ file: [], projectName: 'demo', noColor: true }, {}, dir);
    expect(await c.backend()).toBe('docker');
  });
});
