import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-rollback');
afterAll(() => cleanupProject(project));
const yaml = (mode: string): string => `version: 1
name: ${project}
workloads:
  web:
    image: busybox:1.35
    command: [sleep, "3600"]
    env: { MODE: ${mode} }
    health: { exec: [sh, -c, 'test "$$MODE" = good'], interval: 1s }
`;

describe('a replace whose new container never becomes ready does not leave the workload down', () => {
  it('the replacement is removed and the previous container runs again, same ID, under its name', async () => {
    const dir = await projectDir({ 'pond.yaml': yaml('good') });
    expect((await pond(['up'], { cwd: dir })).code).toBe(0);
    const before = await docker('inspect', '-f', '{{.Id}}', `${project}-web`);
    await fs.writeFile(path.join(dir, 'pond.yaml'), yaml('bad'));
    const up = await pond(['up', '--wait-timeout', '4s'], { cwd: dir });
    expect(up.code).toBe(124);
    expect(up.stderr).toContain('the previous container runs again');
    const left = (await docker('ps', '-a', '--filter', `label=dev.pond.project=${project}`, '--format', '{{.ID}} {{.Names}} {{.State}}')).split('\n');
    expect(left).toEqual([`${before.slice(0, 12)} ${project}-web running`]);
    expect(await docker('inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', `${project}-web`)).toContain('MODE=good');
  });
});
