import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-ready');
// The preview prints its line after 2 s and only then serves HTTP (httpd daemonizes; sleep keeps it up).
const preview = `
  preview:
    image: busybox:1.35
    command: [sh, -c, "sleep 2; echo 'webpack compiled successfully'; httpd -p 8080 -h /tmp; exec sleep 3600"]
    ready_when: { log: "compiled successfully", http: { port: 8080 } }
  check:
    image: busybox:1.35
    command: [sh, -c, "wget -q -O /dev/null http://preview:8080/ 2>&1 | grep -q '404 Not Found'"]
    depends_on: { preview: healthy }
`;
const stack = (extra = ''): string => `version: 1\nname: ${project}\nworkloads:${preview}${extra}`;

let dir: string;

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  dir = await projectDir({ 'pond.yaml': stack() });
});

afterAll(async () => {
  if (dir) await pond(['down'], { cwd: dir });
  await cleanupProject(project);
});

const readiness = async (): Promise<Record<string, string | undefined>> => {
  const ps = await pond(['ps', '--format', 'json'], { cwd: dir });
  expect(ps.code, ps.stderr).toBe(0);
  return Object.fromEntries((JSON.parse(ps.stdout).workloads as { workload: string; readiness?: string }[]).map((r) => [r.workload, r.readiness]));
};

describe('service ready_when on a real engine', () => {
  it('a dependent starts only once the log line is out and the port answers; ps says responding', async () => {
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    // check's wget got httpd's 404 for "/", so it ran after httpd was up, 2 s after start.
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', `${project}-check`)).toBe('0');
    expect((await readiness()).preview).toBe('responding');
  });

  it('ps says "not responding" once the server stops answering', async () => {
    await docker('exec', `${project}-preview`, 'killall', 'httpd');
    expect((await readiness()).preview).toBe('not responding');
  });

  it('a workload whose line never comes is "starting"; its dependents are not started', async () => {
    const extra = `
  quiet:
    image: busybox:1.35
    command: [sleep, "3600"]
    ready_when: { log: "never printed" }
  after:
    image: busybox:1.35
    command: [sleep, "3600"]
    depends_on: { quiet: healthy }
`;
    await import('node:fs/promises').then((fs) => fs.writeFile(`${dir}/pond.yaml`, stack(extra)));
    const up = await pond(['up', '--wait-timeout', '3s'], { cwd: dir });
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('log "never printed"');
    expect((await readiness()).quiet).toBe('starting');
    expect(await docker('ps', '-a', '--filter', `name=^${project}-after$`, '--format', '{{.Names}}')).toBe('');
  });
});
