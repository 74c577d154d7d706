import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-fail');
afterAll(() => cleanupProject(project));

describe('failures during apply', () => {
  it('a failed pull names the image, skips its dependents, still runs the rest and exits 1', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: ${project}
workloads:
  db:
    image: pond-test/no-such-image:1
  app:
    image: busybox:1.35
    command: [sleep, "3600"]
    depends_on: [db]
  crash:
    image: busybox:1.35
    command: [sh, -c, "echo boom-before-ready; exit 3"]
    health: { exec: "true" }
  standalone:
    image: busybox:1.35
    command: [sleep, "3600"]
`,
    });
    const up = await pond(['up', '--wait-timeout', '20s'], { cwd: dir });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('pond-test/no-such-image:1');
    expect(up.stderr).toMatch(/create app: skipped: db failed/);
    expect(up.stderr).toMatch(/crash exited with code 3 before it was ready/);
    expect(up.stderr).toContain('boom-before-ready');
    expect(up.stderr.match(/error: create db failed/g)).toHaveLength(1);
    const seen = await containers(project);
    expect(seen.app).toBeUndefined();
    expect(seen.standalone!.state).toBe('running');
  });
});
