import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-pull');
let registry: ChildProcess;
let image: string;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Debian's docker-registry on a loopback port of its own: dockerd trusts 127.0.0.0/8 over plain HTTP. */
beforeAll(async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-registry-'));
  const port = await freePort();
  await fs.writeFile(path.join(dir, 'config.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
  await eventually(() => fetch(`http://127.0.0.1:${port}/v2/`).then((r) => expect(r.status).toBe(200)), { timeoutMs: 15_000 });
  image = `127.0.0.1:${port}/${project}/busybox:1.35`;
  await docker('tag', 'busybox:1.35', image);
  await docker('push', image);
  await docker('rmi', image);
});

afterAll(async () => {
  await cleanupProject(project);
  await docker('rmi', image).catch(() => undefined);
  registry?.kill();
});

describe('a missing image', () => {
  it('is pulled, with progress shown, before its container is created', async () => {
    await expect(docker('image', 'inspect', image)).rejects.toThrow();
    const dir = await projectDir({ 'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n  app:\n    image: ${image}\n    command: [sleep, "3600"]\n` });
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toContain(`create app: pulling ${image}`);
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', image)).toMatch(/^sha256:/);
    expect((await containers(project)).app!.state).toBe('running');
  });
});
