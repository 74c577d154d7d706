import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pond } from '../../../src/api/index.js';
import { UsageError } from '../../../src/errors.js';
import { tempDir } from '../../support/temp-dir.js';

describe('the library chooses its backend as the CLI does', () => {
  it('an unknown POND_ENGINE in env fails the first engine call as a usage error (exit 3), reaching no engine', async () => {
    const dir = tempDir('pond-api-engine-');
    await fs.writeFile(path.join(dir, 'pond.yaml'), 'version: 1\nname: demo\nworkloads: {}\n');
    const pond = await Pond.load({
      file: path.join(dir, 'pond.yaml'),
      env: { POND_ENGINE: 'nope', DOCKER_HOST: 'unix:///tmp/pond-cc-no-such-engine.sock' },
    });
    const failure = await pond.plan().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as UsageError).message).toBe('unknown engine "nope" (from POND_ENGINE)');
    expect((failure as UsageError).exitCode).toBe(3);
  });
});
