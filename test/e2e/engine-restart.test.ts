import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../integration/helpers/docker.js';
import { NamespacedEngine } from '../support/netns-engine.js';
import { pond, pondProcess, projectDir } from './helpers/pond.js';

/** Every fault here happens to a dockerd of this file's own, never to the shared engine. */
const engine = new NamespacedEngine(`pond-${randomBytes(3).toString('hex')}`);
const env = { DOCKER_HOST: engine.dockerHost };

beforeAll(async () => {
  await engine.start();
  await engine.loadImage('busybox:1.35');
}, 120_000);
afterAll(() => engine.destroy(), 120_000);

const startedAt = (name: string): Promise<string> => engine.docker('inspect', '-f', '{{.State.Status}} {{.State.StartedAt}}', name);

describe('probes of an engine whose containers are not on this host', () => {
  it('http and tcp probes run inside the engine, so up sees the workload healthy', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: probes
workloads:
  web:
    image: busybox:1.35
    command: [httpd, -f, -p, "8080"]
    health: { http: { port: 8080, path: / }, interval: 1s }
  port:
    image: busybox:1.35
    command: [httpd, -f, -p, "7000"]
    health: { tcp: 7000, interval: 1s }
`,
    });
    const up = await pond(['up', '--wait-timeout', '60s'], { cwd: dir, env });
    expect(up.code, up.stderr).toBe(0);
    expect(await engine.docker('inspect', '-f', '{{.State.Running}}', 'probes-web')).toBe('true');
  });

  it('a port nobody listens on is not reported healthy', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: deaf
workloads:
  web:
    image: busybox:1.35
    command: [sleep, "3600"]
    health: { http: { port: 8080, path: / }, interval: 1s }
`,
    });
    const up = await pond(['up', '--wait-timeout', '4s'], { cwd: dir, env });
    expect(up.code).toBe(124);
  });
});

describe('watch mode across a daemon restart', () => {
  it('when the engine comes back every long-running workload runs again; a finished job stays finished', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: restart
workloads:
  server:
    image: busybox:1.35
    command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 1; done"]
    init: false
  seed:
    image: busybox:1.35
    command: [sh, -c, "echo seeded"]
`,
    });
    const watch = pondProcess(['up', '--watch'], { cwd: dir, env });
    let log = '';
    watch.stderr.on('data', (d: Buffer) => (log += d.toString()));
    await eventually(async () => expect(await startedAt('restart-server')).toMatch(/^running/), { timeoutMs: 60_000 });
    await eventually(async () => expect(await startedAt('restart-seed')).toMatch(/^exited/), { timeoutMs: 30_000 });
    // A job that finished just before a daemon's shutdown cannot be told from a server the shutdown stopped:
    // the restart comes once the seed's exit is older than the shutdown window (5 s).
    await eventually(async () => expect(Date.now() - Date.parse(await engine.docker('inspect', '-f', '{{.State.FinishedAt}}', 'restart-seed'))).toBeGreaterThan(6_000), { timeoutMs: 30_000, intervalMs: 500 });
    const [serverBefore, seedBefore] = [await startedAt('restart-server'), await startedAt('restart-seed')];
    await engine.restart();
    await eventually(async () => {
      const now = await startedAt('restart-server');
      expect(now, log).toMatch(/^running/);
      expect(now).not.toBe(serverBefore);
    }, { timeoutMs: 60_000 });
    expect(await startedAt('restart-seed')).toBe(seedBefore);
    expect(log, log).toMatch(/engine (restarted and )?is back/);
    watch.kill('SIGINT');
    await new Promise((r) => watch.on('exit', r));
  });
});

describe('a dockerd crash in the middle of an apply', () => {
  it('a plain pond up afterwards converges', async () => {
    const yaml = `version: 1
name: crash
workloads:
${Array.from({ length: 6 }, (_, i) => `  w${i}:\n    image: busybox:1.35\n    command: [sleep, "3600"]\n    health: { exec: [test, -f, /tmp/x], interval: 1s }\n`).join('')}`;
    const dir = await projectDir({ 'pond.yaml': yaml });
    const up = pondProcess(['up', '--wait-timeout', '60s'], { cwd: dir, env });
    await eventually(async () => expect((await engine.docker('ps', '-q')).split('\n').filter(Boolean).length).toBeGreaterThan(2), { timeoutMs: 60_000 });
    await engine.stop('SIGKILL');
    await new Promise((r) => up.on('exit', r));
    await engine.start();
    const again = await pond(['up', '--no-wait'], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    const states = (await engine.docker('ps', '-a', '--filter', 'label=dev.pond.project=crash', '--format', '{{.Names}} {{.State}}')).split('\n').sort();
    expect(states).toEqual(Array.from({ length: 6 }, (_, i) => `crash-w${i} running`));
  });
});
