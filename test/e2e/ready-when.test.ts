import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('ready-when');
const { project } = s;

beforeAll(async () => {
  await waitForImage('busybox:1.35');
});

afterAll(async () => {
  await s.pond(['down']);
});

const readiness = async (): Promise<Record<string, string | undefined>> => {
  const ps = await s.pond(['ps', '--format', 'json']);
  expect(ps.code, ps.stderr).toBe(0);
  return Object.fromEntries(
    (JSON.parse(ps.stdout).workloads as { workload: string; readiness?: string }[]).map((r) => [
      r.workload,
      r.readiness,
    ]),
  );
};

describe('service ready_when on a real engine', () => {
  it('a dependent starts only once the log line is out and the port answers; ps says responding', async () => {
    const up = await s.pond(['up']);
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
    s.use('quiet');
    const up = await s.pond(['up', '--wait-timeout', '3s']);
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('log "never printed"');
    expect((await readiness()).quiet).toBe('starting');
    expect(await docker('ps', '-a', '--filter', `name=^${project}-after$`, '--format', '{{.Names}}')).toBe('');
  });
});
