import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerEngine } from '../../src/engine/docker/index.js';
import type { TaskSpec, Engine, HealthSpec, LogLine, Probe } from '../../src/engine/types.js';
import { EngineError, EngineUnreachableError, InterruptedError, TimeoutError } from '../../src/errors.js';
import { taskSpec } from '../support/task-spec.js';
import { cleanupProject, docker, uniqueProject, waitForImage } from './helpers/docker.js';

const IMAGE = 'busybox:1.35';
const project = uniqueProject('pond-it-engine');
const net = `${project}_default`;
const extras = {
  containers: [`${project}-foreign`],
  volumes: [`${project}-foreign`],
  networks: [`${project}-foreign`],
};

function labels(workload: string): Record<string, string> {
  return { 'dev.pond.project': project, 'dev.pond.workload': workload };
}

const spec = (workload: string, over: Partial<TaskSpec> = {}): TaskSpec => taskSpec(project, workload, over);

function health(probe: Probe, over: Partial<HealthSpec> = {}): HealthSpec {
  return { probe, intervalMs: 500, timeoutMs: 2_000, retries: 3, startPeriodMs: 0, ...over };
}

async function collect(iterable: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const line of iterable) out.push(line);
  return out;
}

async function run(engine: Engine, workload: string, over: Partial<TaskSpec>): Promise<string> {
  const id = await engine.createWorkload(spec(workload, over));
  await engine.startWorkload(id);
  return id;
}

describe.skipIf(process.env.POND_SKIP_INTEGRATION === '1')('docker engine (real dockerd)', () => {
  const engine = createDockerEngine({ env: process.env });
  let web = '';
  let worker = '';

  beforeAll(async () => {
    await engine.ping();
    await waitForImage(IMAGE);
    await engine.createNetwork({ name: net, labels: { 'dev.pond.project': project } });
    await engine.createVolume({
      name: `${project}_data`,
      labels: { 'dev.pond.project': project, 'dev.pond.volume': 'data' },
    });
    web = await run(engine, 'web', {
      command: ['httpd', '-f', '-p', '8080'],
      ports: [{ container: 8080, protocol: 'tcp', hostIp: '127.0.0.1' }],
      mounts: [
        { type: 'volume', source: `${project}_data`, target: '/data', readOnly: false },
        { type: 'tmpfs', target: '/scratch', sizeBytes: 8 * 1024 * 1024 },
      ],
      resources: { memoryBytes: 64 * 1024 * 1024, cpus: 0.5, cpuShares: 512 },
      env: { B: '2', A: '1' },
    });
    worker = await run(engine, 'worker', { command: ['sh', '-c', 'echo ready; echo oops >&2; exec sleep 3600'] });
  });

  afterAll(async () => {
    await cleanupProject(project, extras);
  });

  it('observe sees the project objects with their labels, state and engine-assigned port on 127.0.0.1', async () => {
    const state = await engine.observe(project);
    const names = state.workloads.map((c) => c.name).sort();
    expect(names).toEqual([`${project}-web`, `${project}-worker`]);
    const w = state.workloads.find((c) => c.id === web);
    expect(w?.labels).toMatchObject(labels('web'));
    expect(w?.state).toBe('running');
    expect(w?.ports).toHaveLength(1);
    expect(w?.ports[0]).toMatchObject({ container: 8080, hostIp: '127.0.0.1', protocol: 'tcp' });
    expect(w?.ports[0]?.host).toBeGreaterThan(0);
    expect(state.volumes.map((v) => v.name)).toEqual([`${project}_data`]);
    expect(state.networks.map((n) => n.name)).toEqual([net]);
    expect(await engine.observe(`${project}-nobody`)).toEqual({ workloads: [], volumes: [], networks: [] });
  });

  it('creates what the spec says: resources, env, mounts, init, alias', async () => {
    const raw = JSON.parse(await docker('inspect', web))[0];
    expect(raw.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(raw.HostConfig.NanoCpus).toBe(500_000_000);
    expect(raw.HostConfig.CpuShares).toBe(512);
    expect(raw.HostConfig.Init).toBe(true);
    expect(raw.Config.Env.filter((e: string) => /^[AB]=/.test(e))).toEqual(['A=1', 'B=2']);
    expect(raw.HostConfig.Mounts.map((m: { Type: string }) => m.Type)).toEqual(['volume', 'tmpfs']);
    expect(raw.NetworkSettings.Networks[net].Aliases).toContain('web');
    const observed = await engine.inspectWorkload(web);
    expect(observed).toMatchObject({ id: web, state: 'running', restartCount: 0 });
    expect(observed.startedAt).toBeTruthy();
  });

  it('waitReady passes for tcp, http, log, exec (argv and shell line) and all', async () => {
    const opts = { timeoutMs: 15_000 };
    await engine.waitReady(web, health({ tcp: { port: 8080 } }), opts);
    await engine.waitReady(web, health({ http: { port: 8080, path: '/' } }), opts);
    await engine.waitReady(worker, health({ log: 'ready' }), opts);
    await engine.waitReady(worker, health({ exec: ['sh', '-c', 'exit 0'] }), opts);
    await engine.waitReady(
      worker,
      health({
        exec: ['wget -q -O /dev/null http://web:8080/ || wget -S -O /dev/null http://web:8080/ 2>&1 | grep -q HTTP/'],
      }),
      opts,
    );
    await engine.waitReady(worker, health({ all: [{ log: 'oops' }, { exec: ['test -d /'] }] }), opts);
  });

  it('a probe that never passes ends in a TimeoutError naming it and its last output', async () => {
    const started = Date.now();
    const err = await engine
      .waitReady(worker, health({ exec: ['echo nope; exit 1'] }), { timeoutMs: 1_500 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toMatch(/worker not healthy after 1\.5s: exec echo nope; exit 1 kept failing: nope/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an abort ends waitReady promptly with InterruptedError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const err = await engine
      .waitReady(worker, health({ tcp: { port: 9 } }), { timeoutMs: 60_000, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    const slow = new AbortController();
    setTimeout(() => slow.abort(), 300);
    const hung = await engine
      .waitReady(worker, health({ exec: ['sleep 30'] }, { timeoutMs: 30_000 }), {
        timeoutMs: 60_000,
        signal: slow.signal,
      })
      .catch((e: unknown) => e);
    expect(hung).toBeInstanceOf(InterruptedError);
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 300);
    expect(await engine.waitExit(worker, { signal: waiting.signal }).catch((e: unknown) => e)).toBeInstanceOf(
      InterruptedError,
    );
    expect((await engine.inspectWorkload(worker)).state).toBe('running');
  });

  it('a container that exits before it is ready fails waitReady with its exit code and last output', async () => {
    const id = await run(engine, 'crash', { command: ['sh', '-c', 'echo going down; sleep 0.3; exit 3'] });
    const err = await engine
      .waitReady(id, health({ tcp: { port: 5432 } }), { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe('container crash exited with code 3 before it was ready');
    expect((err as EngineError).hint).toContain('going down');
    expect(await engine.waitExit(id)).toBe(3);
    expect(await engine.inspectWorkload(id)).toMatchObject({ state: 'exited', exitCode: 3 });
  });

  it('logs are demultiplexed into stdout and stderr lines, with timestamps split off when asked', async () => {
    const lines = await collect(engine.logs(worker, { follow: false, timestamps: true }));
    expect(lines.map((l) => `${l.stream}:${l.text}`).sort()).toEqual(['stderr:oops', 'stdout:ready']);
    expect(lines.every((l) => l.container === worker && /^\d{4}-\d\d-\d\dT/.test(l.time ?? ''))).toBe(true);
    const controller = new AbortController();
    const followed: LogLine[] = [];
    setTimeout(() => controller.abort(), 500);
    for await (const l of engine.logs(worker, { follow: true, timestamps: false, signal: controller.signal }))
      followed.push(l);
    expect(followed.map((l) => l.text).sort()).toEqual(['oops', 'ready']);
  });

  it('start, stop and remove are idempotent; init makes stop fast', async () => {
    const id = await run(engine, 'idem', { command: ['sh', '-c', 'sleep 3600'] });
    await engine.startWorkload(id);
    await engine.stopWorkload(id, 30);
    expect((await engine.inspectWorkload(id)).state).toBe('exited');
    await engine.stopWorkload(id, 30);
    await engine.startWorkload(id);
    await engine.startWorkload(id);
    expect((await engine.inspectWorkload(id)).state).toBe('running');
    await engine.removeWorkload(id);
    await engine.removeWorkload(id);
    await engine.stopWorkload(id, 1);
    const state = await engine.observe(project);
    expect(state.workloads.map((c) => c.id)).not.toContain(id);
  });

  it('rename moves a container to a new name', async () => {
    const id = await engine.createWorkload(spec('old', { command: ['true'] }));
    await engine.renameWorkload(id, `${project}-new`);
    expect((await engine.inspectWorkload(id)).name).toBe(`${project}-new`);
    await engine.removeWorkload(id);
  });

  it('networks and volumes: create is idempotent for our own, foreign ones are refused, removal tolerates absence', async () => {
    const id1 = await engine.createNetwork({ name: net, labels: { 'dev.pond.project': project } });
    const id2 = await engine.createNetwork({ name: net, labels: { 'dev.pond.project': project } });
    expect(id1).toBe(id2);
    expect(await docker('network', 'ls', '-q', '--filter', `name=^${net}$`)).toBe(id1.slice(0, 12));
    await engine.createVolume({
      name: `${project}_data`,
      labels: { 'dev.pond.project': project, 'dev.pond.volume': 'data' },
    });

    await docker('volume', 'create', `${project}-foreign`);
    const volErr = await engine
      .createVolume({
        name: `${project}-foreign`,
        labels: { 'dev.pond.project': project, 'dev.pond.volume': 'foreign' },
      })
      .catch((e: unknown) => e);
    expect(volErr).toBeInstanceOf(EngineError);
    expect((volErr as Error).message).toContain(`volume ${project}-foreign exists and is not managed by this project`);
    expect(await docker('volume', 'inspect', '--format', '{{json .Labels}}', `${project}-foreign`)).toMatch(
      /^(null|\{\})$/,
    );

    await docker('network', 'create', `${project}-foreign`);
    const netErr = await engine
      .createNetwork({ name: `${project}-foreign`, labels: { 'dev.pond.project': project } })
      .catch((e: unknown) => e);
    expect((netErr as Error).message).toContain('is not managed by this project');

    await engine.createVolume({
      name: `${project}_tmp`,
      labels: { 'dev.pond.project': project, 'dev.pond.volume': 'tmp' },
    });
    await engine.removeVolume(`${project}_tmp`);
    await engine.removeVolume(`${project}_tmp`);
    await engine.createNetwork({ name: `${project}_tmp`, labels: { 'dev.pond.project': project } });
    await engine.removeNetwork(`${project}_tmp`);
    await engine.removeNetwork(`${project}_tmp`);
    const state = await engine.observe(project);
    expect(state.volumes.map((v) => v.name)).toEqual([`${project}_data`]);
    expect(state.networks.map((n) => n.name)).toEqual([net]);
  });

  it('a container name taken by something pond does not manage is refused with a clear message', async () => {
    await docker('create', '--name', `${project}-foreign`, IMAGE, 'true');
    const err = await engine.createWorkload(spec('foreign')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).message).toBe(
      `a container named ${project}-foreign already exists and is not managed by this project; pond will not touch it`,
    );
    expect((err as EngineError).hint).toBeTruthy();
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${project}-foreign`)).toBe('created');
    const ours = await engine.createWorkload(spec('web')).catch((e: unknown) => e);
    expect((ours as Error).message).toBe(`a container named ${project}-web already exists in this project`);
  });

  it('images: hasImage answers from the local store; a failed pull names the image and the registry answer', async () => {
    expect(await engine.hasImage(IMAGE)).toBe(true);
    const missing = `pond-it-missing/${project}:99`;
    expect(await engine.hasImage(missing)).toBe(false);
    const progress: string[] = [];
    const err = await engine.pullImage(missing, (l) => progress.push(l)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(new RegExp(`^pull of ${missing} failed: .+`));
    expect((err as EngineError).hint).toMatch(/build it locally/);
  });

  it('an engine at a bad DOCKER_HOST is reported unreachable, naming what was tried', async () => {
    const sock = createDockerEngine({ host: 'unix:///tmp/nope.sock' });
    expect(sock.endpoint).toBe('unix:///tmp/nope.sock');
    const err = await sock.observe(project).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnreachableError);
    expect((err as Error).message).toContain('/tmp/nope.sock');
    expect((err as EngineUnreachableError).hint).toMatch(/DOCKER_HOST/);
    const tcpErr = await createDockerEngine({ host: 'tcp://127.0.0.1:1' })
      .createWorkload(spec('x'))
      .catch((e: unknown) => e);
    expect(tcpErr).toBeInstanceOf(EngineUnreachableError);
    expect((tcpErr as Error).message).toContain('tcp://127.0.0.1:1');
  });
});

describe('docker engine reachability guard', () => {
  it('fails instead of skipping when no engine answers (set POND_SKIP_INTEGRATION=1 to skip)', async () => {
    if (process.env.POND_SKIP_INTEGRATION === '1') return;
    await expect(createDockerEngine({ env: process.env }).ping()).resolves.toBeUndefined();
  });
});
