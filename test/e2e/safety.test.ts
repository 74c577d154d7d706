import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, pondProcess, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-safe');
const slow = `version: 1
name: ${project}
workloads:
  web:
    image: busybox:1.35
    command: [httpd, -f, -p, "8080"]
    ports: ["8080"]
  late:
    image: busybox:1.35
    command: [sh, -c, "sleep 3600"]
    health: { exec: "test -f /never", interval: 1s }
  after:
    image: busybox:1.35
    command: [sleep, "3600"]
    depends_on: { late: healthy }
`;
let dir: string;

beforeAll(async () => {
  dir = await projectDir({ 'pond.yaml': slow });
});
afterAll(() => cleanupProject(project));

/** Resolves with the exit code and all output once the process ends. */
function finished(child: ReturnType<typeof pondProcess>): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('safety contracts', () => {
  it('holds the project lock: a second up exits 5 naming the holder; Ctrl-C exits 130 and starts nothing new', async () => {
    const first = pondProcess(['up', '--wait-timeout', '60s'], { cwd: dir });
    const done = finished(first);
    await eventually(async () => expect((await containers(project)).late?.state).toBe('running'), { timeoutMs: 30_000 });
    const second = await pond(['up'], { cwd: dir });
    expect(second.code).toBe(5);
    expect(second.stderr).toMatch(new RegExp(`project "${project}" is locked by pid ${first.pid} \\("pond up"`));
    first.kill('SIGINT');
    const { code, out } = await done;
    expect(code).toBe(130);
    expect(out).toContain('interrupted');
    expect(Object.keys(await containers(project)).sort()).toEqual(['late', 'web']);
  });

  it('publishes ports on 127.0.0.1 only', async () => {
    const ports = await docker('port', `${project}-web`, '8080/tcp');
    expect(ports).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('an unreachable engine exits 4 naming the socket it tried', async () => {
    const run = await pond(['plan'], { cwd: dir, env: { DOCKER_HOST: 'unix:///tmp/pond-no-such.sock' } });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('/tmp/pond-no-such.sock');
  });

  it('down -p works while pond.yaml is broken', async () => {
    await fs.writeFile(path.join(dir, 'pond.yaml'), 'version: 1\nworkloads:\n  web:\n    imgae: x\n');
    const broken = dir;
    const ps = await pond(['-p', project, 'ps'], { cwd: broken });
    expect(ps.code, ps.stderr).toBe(0);
    expect(ps.stderr).toContain('warning: pond.yaml is invalid');
    const down = await pond(['-p', project, 'down'], { cwd: broken });
    expect(down.code, down.stderr).toBe(0);
    expect(await containers(project)).toEqual({});
  });

  it('refuses a port bound beyond loopback without public: true, touching nothing', async () => {
    const bad = await projectDir({ 'pond.yaml': slow.replace('["8080"]', '["0.0.0.0:8080:8080"]').replace(`name: ${project}`, `name: ${project}-pub`) });
    const run = await pond(['up'], { cwd: bad });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/pond\.yaml:\d+:\d+ error\[public-port\]/);
    expect(await containers(`${project}-pub`)).toEqual({});
  });
});
