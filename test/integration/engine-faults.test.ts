import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDockerEngine } from '../../src/engine/docker/index.js';
import type { TaskSpec } from '../../src/engine/types.js';
import { EngineError, EngineUnreachableError } from '../../src/errors.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { taskSpec } from '../support/task-spec.js';
import { cleanupProject, docker, uniqueProject, waitForImage } from './helpers/docker.js';

const IMAGE = 'busybox:1.35';
const project = uniqueProject('h-faults-it');
const net = `${project}_default`;
const foreign = `${project}-foreign`;
const LIST = /^\/containers\/json\?/;
const CREATE = /^\/containers\/create\?/;

const spec = (workload: string): TaskSpec =>
  taskSpec(project, workload, {
    command: ['sleep', '3600'],
    stopTimeoutSec: 1,
    labels: { 'dev.pond.project': project, 'dev.pond.workload': workload, 'dev.pond.config-hash': `hash-${workload}` },
  });

async function projectContainers(): Promise<{ id: string; name: string }[]> {
  const out = await docker(
    'ps',
    '-a',
    '--no-trunc',
    '--filter',
    `label=dev.pond.project=${project}`,
    '--format',
    '{{.ID}} {{.Names}}',
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ id: l.split(' ')[0]!, name: l.split(' ')[1]! }));
}

const actions = (proxy: FaultProxy, method: string, p: RegExp) => proxy.requests(method, p).map((r) => r.action);

describe('engine calls under injected faults (real dockerd behind a fault proxy)', () => {
  let proxy: FaultProxy;
  const engine = () => createDockerEngine({ host: proxy.dockerHost, retryBudgetMs: 3_000 });

  beforeAll(async () => {
    await waitForImage(IMAGE);
    proxy = new FaultProxy(path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'h-faults-')), 'docker.sock'));
    await proxy.open();
    await createDockerEngine({ env: process.env }).createNetwork({
      name: net,
      labels: { 'dev.pond.project': project },
    });
  });

  beforeEach(() => proxy.reset());

  afterAll(async () => {
    await proxy?.close();
    await cleanupProject(project, { containers: [foreign] });
  });

  it('a dropped connection on the container list does not fail observe: the list is asked again', async () => {
    proxy.inject({ method: 'GET', path: LIST, fault: { kind: 'reset' } });
    const state = await engine().observe(project);
    expect(state.networks.map((n) => n.name)).toEqual([net]);
    expect(actions(proxy, 'GET', LIST)).toEqual(['reset', 'forwarded']);
  });

  it('an answer cut off midway is asked for again', async () => {
    proxy.inject({ method: 'GET', path: LIST, fault: { kind: 'mid-answer' } });
    await engine().observe(project);
    expect(actions(proxy, 'GET', LIST)).toEqual(['mid-answer', 'forwarded']);
  });

  it('a 503 on a read is retried', async () => {
    proxy.inject({ method: 'GET', path: /^\/networks\?/, fault: { kind: 'status', status: 503 }, times: 2 });
    const state = await engine().observe(project);
    expect(state.networks.map((n) => n.name)).toEqual([net]);
    expect(actions(proxy, 'GET', /^\/networks\?/)).toEqual(['status 503', 'status 503', 'forwarded']);
  });

  it('a 400 on a read is not retried', async () => {
    proxy.inject({ method: 'GET', path: LIST, fault: { kind: 'status', status: 400, message: 'bad filter' } });
    const err = await engine()
      .observe(project)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(/bad filter/);
    expect(actions(proxy, 'GET', LIST)).toEqual(['status 400']);
  });

  it('a create the engine did but whose answer was lost returns the id of the one container it made', async () => {
    proxy.inject({ method: 'POST', path: CREATE, fault: { kind: 'drop-answer' } });
    const id = await engine().createWorkload(spec('lost'));
    const made = (await projectContainers()).filter((c) => c.name === `${project}-lost`);
    expect(made).toEqual([{ id, name: `${project}-lost` }]);
    expect(await docker('inspect', '--format', '{{index .Config.Labels "dev.pond.project"}}', id)).toBe(project);
    expect(actions(proxy, 'POST', CREATE)).toEqual(['drop-answer']);
  });

  it('a create retried onto a name someone else took is refused and their container is left alone', async () => {
    const theirs = await docker('create', '--name', foreign, IMAGE, 'true');
    proxy.inject({ method: 'POST', path: CREATE, fault: { kind: 'reset' } });
    const err = await engine()
      .createWorkload({ ...spec('x'), name: foreign })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(/not managed by this project/);
    expect(await docker('inspect', '--format', '{{.Id}} {{.State.Status}}', foreign)).toBe(`${theirs} created`);
    expect(actions(proxy, 'POST', CREATE)).toEqual(['reset']);
  });

  it('a 409 from the engine is not retried', async () => {
    await docker('create', '--name', `${project}-taken`, '--label', `dev.pond.project=${project}`, IMAGE, 'true');
    const err = await engine()
      .createWorkload(spec('taken'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).status).toBe(409);
    expect(actions(proxy, 'POST', CREATE)).toEqual(['forwarded']);
  });

  it('a start whose answer was lost is sent again and counts as done (already started)', async () => {
    const id = await engine().createWorkload(spec('started'));
    proxy.inject({ method: 'POST', path: /\/start$/, fault: { kind: 'drop-answer' } });
    await engine().startWorkload(id);
    expect(await docker('inspect', '--format', '{{.State.Running}}', id)).toBe('true');
    expect(actions(proxy, 'POST', /\/start$/)).toEqual(['drop-answer', 'forwarded']);
  });

  it('a 5xx answered to a mutation is not retried', async () => {
    const id = await engine().createWorkload(spec('refused'));
    proxy.inject({ method: 'POST', path: /\/start$/, fault: { kind: 'status', status: 500 } });
    await expect(engine().startWorkload(id)).rejects.toBeInstanceOf(EngineError);
    expect(actions(proxy, 'POST', /\/start$/)).toEqual(['status 500']);
  });

  it('a socket missing for less than the budget is waited for', async () => {
    await proxy.close();
    const reopen = new Promise((r) => setTimeout(r, 300)).then(() => proxy.open());
    const state = await engine().observe(project);
    await reopen;
    expect(state.networks.map((n) => n.name)).toEqual([net]);
  });

  it('a socket gone for longer than the budget is reported unreachable', async () => {
    await proxy.close();
    try {
      const err = await createDockerEngine({ host: proxy.dockerHost, retryBudgetMs: 300 })
        .observe(project)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineUnreachableError);
      expect((err as Error).message).toContain(proxy.path);
    } finally {
      await proxy.open();
    }
  });
});
