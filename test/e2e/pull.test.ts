import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';
import { tempDir } from '../support/temp-dir.js';

const s = scenario('pull');
const { project } = s;
/** `pond pull` tests run as a project of their own, so "made no container" is about them alone. */
const pulls = scenario('pull-obs', { folder: 'pull/pull' });
const pullProject = pulls.project;
let registry: ChildProcess;
/** Where the projects' images live, `${E2E_REPO}` in their pond.yaml: the registry's port is only known once it runs. */
let repo: { E2E_REPO: string };
let image: string;
let registryHost: string;
/** Two more images in the registry for `pond pull`, one per workload, absent locally until pulled. */
let first: string;
let second: string;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Debian's docker-registry on a loopback port of its own: dockerd trusts 127.0.0.0/8 over plain HTTP. */
beforeAll(async () => {
  const dir = tempDir('pond-registry-', { keep: 'file' });
  const port = await freePort();
  await fs.writeFile(
    path.join(dir, 'config.yml'),
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  await eventually(() => fetch(`http://127.0.0.1:${port}/v2/`).then((r) => expect(r.status).toBe(200)), {
    timeoutMs: 15_000,
  });
  registryHost = `127.0.0.1:${port}`;
  image = `${registryHost}/${project}/busybox:1.35`;
  first = `${registryHost}/${project}/first:1`;
  second = `${registryHost}/${project}/second:1`;
  repo = { E2E_REPO: `${registryHost}/${project}` };
  for (const ref of [image, first, second]) {
    await docker('tag', 'busybox:1.35', ref);
    await docker('push', ref);
    await docker('rmi', ref);
  }
});

afterAll(async () => {
  for (const ref of [image, first, second]) await docker('rmi', ref).catch(() => undefined);
  registry?.kill();
});

describe('a missing image', () => {
  it('is pulled, with progress shown, before its container is created', async () => {
    await expect(docker('image', 'inspect', image)).rejects.toThrow();
    const up = await s.pond(['up'], repo);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(`create app: pulling ${image}`);
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', image)).toMatch(/^sha256:/);
    expect((await containers(project)).app!.state).toBe('running');
  });
});

describe('pond pull', () => {
  const present = (ref: string): Promise<boolean> =>
    docker('image', 'inspect', '-f', '{{.Id}}', ref).then(
      () => true,
      () => false,
    );

  it("pulls every workload's image, leaving each present on the engine", async () => {
    await Promise.all([first, second].map((ref) => docker('rmi', ref).catch(() => undefined)));
    expect([await present(first), await present(second)]).toEqual([false, false]);
    const pull = await pulls.pond(['pull'], repo);
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toContain(`pulled ${first} (one)`);
    expect([await present(first), await present(second)]).toEqual([true, true]);
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${pullProject}`)).toBe('');
  });

  it('exits non-zero naming the image that does not exist, and still pulls the others', async () => {
    await docker('rmi', first).catch(() => undefined);
    const missing = `${registryHost}/${project}/missing:1`;
    pulls.use('missing');
    const pull = await pulls.pond(['pull', '-q'], repo);
    expect(pull.code).toBe(1);
    expect(pull.stderr).toContain(`error: pull of ${missing} failed`);
    expect(pull.stderr).toContain(`1 of 2 images could not be pulled: ${missing}`);
    expect(pull.stderr).not.toContain(`pull of ${first} failed`);
    expect(await present(first)).toBe(true);
  });

  it('--ignore-pull-failures: the same failure is a warning and the exit is 0', async () => {
    const missing = `${registryHost}/${project}/missing:1`;
    pulls.use('gone');
    const pull = await pulls.pond(['pull', '--ignore-pull-failures'], repo);
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toContain(`warning: pull of ${missing} failed`);
  });

  it('an undeclared workload is exit 3 and pulls nothing', async () => {
    await docker('rmi', second).catch(() => undefined);
    pulls.use('two');
    const pull = await pulls.pond(['pull', 'two', 'nope'], repo);
    expect(pull.code).toBe(3);
    expect(pull.stderr).toContain('no workload "nope"');
    expect(await present(second)).toBe(false);
  });
});
