import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../integration/helpers/docker.js';
import { NamespacedEngine } from '../support/netns-engine.js';
import { scenario } from './helpers/scenario.js';

/** Every fault here happens to a dockerd of this file's own, never to the shared engine. */
const engine = new NamespacedEngine(`pond-${randomBytes(3).toString('hex')}`);
const env = { DOCKER_HOST: engine.dockerHost };
/** The projects, in testdata/engine-restart/; pond runs them against the private engine (`env`). */
const probes = scenario('engine-restart-probes', { folder: 'engine-restart/probes' });
const deaf = scenario('engine-restart-deaf', { folder: 'engine-restart/deaf' });
const restart = scenario('engine-restart', { folder: 'engine-restart/restart' });
const crash = scenario('engine-restart-crash', { folder: 'engine-restart/crash' });

beforeAll(async () => {
  await engine.start();
  await engine.loadImage('busybox:1.35');
}, 120_000);
afterAll(() => engine.destroy(), 120_000);

const startedAt = (name: string): Promise<string> =>
  engine.docker('inspect', '-f', '{{.State.Status}} {{.State.StartedAt}}', name);

describe('probes of an engine whose containers are not on this host', () => {
  it('http and tcp probes run inside the engine, so up sees the workload healthy', async () => {
    const up = await probes.pond(['up', '--wait-timeout', '60s'], env);
    expect(up.code, up.stderr).toBe(0);
    expect(await engine.docker('inspect', '-f', '{{.State.Running}}', `${probes.project}-web`)).toBe('true');
  });

  it('a port nobody listens on is not reported healthy', async () => {
    const up = await deaf.pond(['up', '--wait-timeout', '4s'], env);
    expect(up.code).toBe(124);
  });
});

describe('watch mode across a daemon restart', () => {
  it('when the engine comes back every long-running workload runs again; a finished job stays finished', async () => {
    const [server, seed] = [`${restart.project}-server`, `${restart.project}-seed`];
    const watch = restart.start(['up', '--watch'], env);
    let log = '';
    watch.stderr.on('data', (d: Buffer) => (log += d.toString()));
    await eventually(async () => expect(await startedAt(server)).toMatch(/^running/), { timeoutMs: 60_000 });
    await eventually(async () => expect(await startedAt(seed)).toMatch(/^exited/), { timeoutMs: 30_000 });
    // A job that finished just before a daemon's shutdown cannot be told from a server the shutdown stopped:
    // the restart comes once the seed's exit is older than the shutdown window (5 s).
    await eventually(
      async () =>
        expect(
          Date.now() - Date.parse(await engine.docker('inspect', '-f', '{{.State.FinishedAt}}', seed)),
        ).toBeGreaterThan(6_000),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const [serverBefore, seedBefore] = [await startedAt(server), await startedAt(seed)];
    await engine.restart();
    await eventually(
      async () => {
        const now = await startedAt(server);
        expect(now, log).toMatch(/^running/);
        expect(now).not.toBe(serverBefore);
      },
      { timeoutMs: 60_000 },
    );
    expect(await startedAt(seed)).toBe(seedBefore);
    expect(log, log).toMatch(/engine (restarted and )?is back/);
    watch.kill('SIGINT');
    await new Promise((r) => watch.on('exit', r));
  });
});

describe('a dockerd crash in the middle of an apply', () => {
  it('a plain pond up afterwards converges', async () => {
    const up = crash.start(['up', '--wait-timeout', '60s'], env);
    await eventually(
      async () => expect((await engine.docker('ps', '-q')).split('\n').filter(Boolean).length).toBeGreaterThan(2),
      { timeoutMs: 60_000 },
    );
    await engine.stop('SIGKILL');
    await new Promise((r) => up.on('exit', r));
    await engine.start();
    const again = await crash.pond(['up', '--no-wait'], env);
    expect(again.code, again.stderr).toBe(0);
    const states = (
      await engine.docker(
        'ps',
        '-a',
        '--filter',
        `label=dev.pond.project=${crash.project}`,
        '--format',
        '{{.Names}} {{.State}}',
      )
    )
      .split('\n')
      .sort();
    expect(states).toEqual(Array.from({ length: 6 }, (_, i) => `${crash.project}-w${i} running`));
  });
});
