import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-major');
afterAll(() => cleanupProject(project));
const yaml = (version: string): string => `version: 1
name: ${project}
workloads:
  warehouse:
    kind: database
    engine: postgres
    version: "${version}"
    storage: persistent
`;

describe('a replace known to leave a database down is refused at plan time', () => {
  it('a major-version bump on an initialised persistent volume exits 3 with a dump/restore hint and touches nothing', async () => {
    await waitForImage('postgres:15-alpine');
    const dir = await projectDir({ 'pond.yaml': yaml('15') });
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const before = await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', `${project}-warehouse`);
    await fs.writeFile(path.join(dir, 'pond.yaml'), yaml('16'));
    for (const args of [['plan'], ['up']]) {
      const run = await pond(args, { cwd: dir });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('version 15 → 16 on the initialised volume');
      expect(run.stderr).toMatch(/hint: keep version "15", or dump the data first/);
    }
    expect(await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', `${project}-warehouse`)).toBe(before);
  });
});
