import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { pond, projectDir, ROOT } from './helpers/pond.js';

const fixtures = path.join(ROOT, 'test/fixtures/broken');
const files = fs.readdirSync(fixtures).filter((f) => f.endsWith('.yaml'));
const project = uniqueProject('pond-e2e-broken');
delete process.env.DB_PASSWORD;
afterAll(() => cleanupProject(project));

describe('broken pond.yaml files', () => {
  it.each(files)('%s: up exits 3 with pond.yaml:LINE:COL and creates nothing', async (file) => {
    const dir = await projectDir({ 'pond.yaml': fs.readFileSync(path.join(fixtures, file), 'utf8') });
    const up = await pond(['-p', project, 'up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(3);
    expect(up.stderr).toMatch(/^pond\.yaml:\d+:\d+ error\[[a-z-]+\]: .+/m);
    expect(up.stderr).toContain('nothing was changed');
    expect(up.stdout).toBe('');
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    expect(await docker('ps', '-aq', '--filter', `name=^${project}-`)).toBe('');
    expect(await docker('network', 'ls', '-q', '--filter', `name=${project}_`)).toBe('');
  });
});
