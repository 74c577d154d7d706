import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import path from 'node:path';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { containers, mutationsSince, pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-life');
const stack = (mode: string, extra = '') => `version: 1
name: ${project}
workloads:
  api:
    image: busybox:1.35
    command: [httpd, -f, -p, "8080"]
    env: { MODE: dev, API_TOKEN: s3cr3t-value }
    health: { http: { port: 8080, path: / }, interval: 5s }
  worker:
    image: busybox:1.35
    command: [sh, -c, "echo started; exec sleep 3600"]
    env: { MODE: ${mode} }
    depends_on: { api: healthy }
${extra}`;
const extraWorkload = `  extra:
    image: busybox:1.35
    command: [sleep, "3600"]
`;

let dir: string;
const decoy = `${project}-decoy`;

beforeAll(async () => {
  dir = await projectDir({ 'pond.yaml': stack('dev', extraWorkload) });
  // Decoys: objects pond does not own, named like pond's, and one owned by another project.
  await docker('run', '-d', '--name', `${project}-worker-decoy`, '--label', 'dev.pond.workload=worker', 'busybox:1.35', 'sleep', '3600');
  await docker('run', '-d', '--name', decoy, '--label', `dev.pond.project=${project}x`, '--label', 'dev.pond.workload=api', 'busybox:1.35', 'sleep', '3600');
  await docker('volume', 'create', '--name', `${project}_decoy`);
});

afterAll(async () => {
  await cleanupProject(project, { containers: [`${project}-worker-decoy`, decoy], volumes: [`${project}_decoy`] });
  await cleanupProject(`${project}x`);
});

describe('up, plan and down on a real engine', () => {
  it('brings the stack up, dependency first, ports on loopback only', async () => {
    const up = await pond(['up'], { cwd: dir });
    expect(up.stderr + up.stdout).not.toContain('s3cr3t-value');
    expect(up.code, up.stderr).toBe(0);
    const seen = await containers(project);
    expect(Object.keys(seen).sort()).toEqual(['api', 'extra', 'worker']);
    expect(Object.values(seen).every((c) => c.state === 'running')).toBe(true);
    expect(up.stdout).toMatch(/api\s+running/);
  });

  it('a second up says "No changes", makes no mutating engine call and keeps every container ID', async () => {
    const before = await containers(project);
    const since = Date.now();
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('No changes.');
    expect(await mutationsSince(project, since)).toEqual([]);
    const after = await containers(project);
    expect(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v.id]))).toEqual(Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.id])));
    const plan = await pond(['plan', '--detailed-exitcode'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
  });

  it('one changed env value: plan exits 2 naming only that workload and field; up replaces only it', async () => {
    await fs.writeFile(path.join(dir, 'pond.yaml'), stack('prod', extraWorkload));
    const before = await containers(project);
    const plan = await pond(['plan', '--detailed-exitcode'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('-/+ container worker    env.MODE: "dev" → "prod"');
    expect(plan.stdout).not.toMatch(/container (api|extra)/);
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to replace, 0 to start, 0 to remove.');
    const json = JSON.parse((await pond(['plan', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.steps.map((s: { name: string; changes: string[] }) => [s.name, s.changes])).toEqual([['worker', ['env.MODE: "dev" → "prod"']]]);
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const after = await containers(project);
    expect(after.api!.id).toBe(before.api!.id);
    expect(after.extra!.id).toBe(before.extra!.id);
    expect(after.worker!.id).not.toBe(before.worker!.id);
    expect(after.worker!.env).toContain('MODE=prod');
    expect(after.worker!.name).toBe(`${project}-worker`);
  });

  it('a workload removed from the file is shown as an orphan and removed only with --remove-orphans', async () => {
    await fs.writeFile(path.join(dir, 'pond.yaml'), stack('prod'));
    const plan = await pond(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('? container extra');
    expect(plan.stdout).toContain('orphan: not in pond.yaml');
    expect((await pond(['up'], { cwd: dir })).code).toBe(0);
    expect(Object.keys(await containers(project))).toContain('extra');
    const up = await pond(['up', '--remove-orphans'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(Object.keys(await containers(project)).sort()).toEqual(['api', 'worker']);
  });

  it('down removes the stack and its network, and never a decoy', async () => {
    const down = await pond(['down'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(await containers(project)).toEqual({});
    expect(await docker('network', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-worker-decoy`)).toBe('running');
    expect(await docker('inspect', '-f', '{{.State.Status}}', decoy)).toBe('running');
    expect(await docker('volume', 'inspect', '-f', '{{.Name}}', `${project}_decoy`)).toBe(`${project}_decoy`);
  });
});
