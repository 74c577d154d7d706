import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('safety');
const pub = scenario('safety-pub', { folder: 'safety/public' });
const { project } = s;

/** Resolves with the exit code and all output once the process ends. */
function finished(child: ReturnType<typeof s.start>): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('safety contracts', () => {
  it('holds the project lock: a second up exits 5 naming the holder; Ctrl-C exits 130 and starts nothing new', async () => {
    const first = s.start(['up', '--wait-timeout', '60s']);
    const done = finished(first);
    await eventually(async () => expect((await containers(project)).late?.state).toBe('running'), {
      timeoutMs: 30_000,
    });
    const second = await s.pond(['up']);
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
    const run = await s.pond(['plan'], { DOCKER_HOST: 'unix:///tmp/pond-no-such.sock' });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('/tmp/pond-no-such.sock');
  });

  it('down -p works while pond.yaml is broken', async () => {
    s.use('broken');
    const ps = await s.pond(['-p', project, 'ps']);
    expect(ps.code, ps.stderr).toBe(0);
    expect(ps.stderr).toContain('warning: pond.yaml is invalid');
    const down = await s.pond(['-p', project, 'down']);
    expect(down.code, down.stderr).toBe(0);
    expect(await containers(project)).toEqual({});
  });

  it('refuses a port bound beyond loopback without public: true, touching nothing', async () => {
    const run = await pub.pond(['up']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/pond\.yaml:\d+:\d+ error\[public-port\]/);
    expect(await containers(pub.project)).toEqual({});
  });
});
