import { describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('major-upgrade');
const { project } = s;

describe('a replace known to leave a database down is refused at plan time', () => {
  it('a major-version bump on an initialised persistent volume exits 3 with a dump/restore hint and touches nothing', async () => {
    await waitForImage('postgres:15-alpine');
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const before = await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', `${project}-warehouse`);
    s.use('16');
    for (const args of [['plan'], ['up']]) {
      const run = await s.pond(args);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('version 15 → 16 on the initialised volume');
      expect(run.stderr).toMatch(/hint: keep version "15", or dump the data first/);
    }
    expect(await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', `${project}-warehouse`)).toBe(before);
  });
});
