import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker } from '../integration/helpers/docker.js';
import { containers, mutationsSince } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('lifecycle');
const { project } = s;
const decoy = `${project}-decoy`;

beforeAll(async () => {
  // Decoys: objects pond does not own, named like pond's, and one owned by another project.
  await docker(
    'run',
    '-d',
    '--name',
    `${project}-worker-decoy`,
    '--label',
    'dev.pond.workload=worker',
    'busybox:1.35',
    'sleep',
    '3600',
  );
  await docker(
    'run',
    '-d',
    '--name',
    decoy,
    '--label',
    `dev.pond.project=${project}x`,
    '--label',
    'dev.pond.workload=api',
    'busybox:1.35',
    'sleep',
    '3600',
  );
  await docker('volume', 'create', '--name', `${project}_decoy`);
});

afterAll(async () => {
  await cleanupProject(project, { containers: [`${project}-worker-decoy`, decoy], volumes: [`${project}_decoy`] });
  await cleanupProject(`${project}x`);
});

describe('up, plan and down on a real engine', () => {
  it('brings the stack up, dependency first, ports on loopback only', async () => {
    const up = await s.pond(['up']);
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
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain('No changes.');
    expect(await mutationsSince(project, since)).toEqual([]);
    const after = await containers(project);
    expect(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v.id]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.id])),
    );
    const plan = await s.pond(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(0);
  });

  it('one changed env value: plan exits 2 naming only that workload and field; up replaces only it', async () => {
    s.use('prod');
    const before = await containers(project);
    const plan = await s.pond(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('-/+ container worker    env.MODE: "dev" → "prod"');
    expect(plan.stdout).not.toMatch(/container (api|extra)/);
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to replace, 0 to start, 0 to remove.');
    const json = JSON.parse((await s.pond(['plan', '--format', 'json'])).stdout);
    expect(json.steps.map((s: { name: string; changes: string[] }) => [s.name, s.changes])).toEqual([
      ['worker', ['env.MODE: "dev" → "prod"']],
    ]);
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const after = await containers(project);
    expect(after.api!.id).toBe(before.api!.id);
    expect(after.extra!.id).toBe(before.extra!.id);
    expect(after.worker!.id).not.toBe(before.worker!.id);
    expect(after.worker!.env).toContain('MODE=prod');
    expect(after.worker!.name).toBe(`${project}-worker`);
  });

  it('a workload removed from the file is shown as an orphan and removed only with --remove-orphans', async () => {
    s.use('prod-no-extra');
    const plan = await s.pond(['plan']);
    expect(plan.stdout).toContain('? container extra');
    expect(plan.stdout).toContain('orphan: not in pond.yaml');
    expect((await s.pond(['up'])).code).toBe(0);
    expect(Object.keys(await containers(project))).toContain('extra');
    const up = await s.pond(['up', '--remove-orphans']);
    expect(up.code, up.stderr).toBe(0);
    expect(Object.keys(await containers(project)).sort()).toEqual(['api', 'worker']);
  });

  it('down removes the stack and its network, and never a decoy', async () => {
    const down = await s.pond(['down']);
    expect(down.code, down.stderr).toBe(0);
    expect(await containers(project)).toEqual({});
    expect(await docker('network', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-worker-decoy`)).toBe('running');
    expect(await docker('inspect', '-f', '{{.State.Status}}', decoy)).toBe('running');
    expect(await docker('volume', 'inspect', '-f', '{{.Name}}', `${project}_decoy`)).toBe(`${project}_decoy`);
  });
});
