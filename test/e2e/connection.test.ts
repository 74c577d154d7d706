import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { fakeSsh } from './helpers/fake-ssh.js';
import { containers } from './helpers/pond.js';
import { scenario, type Scenario } from './helpers/scenario.js';
import { SocketProxy } from './helpers/socket-proxy.js';
import { pondWithInput } from './helpers/stdio.js';
import { makeCertificates, TlsEngine } from './helpers/tls-engine.js';
import { tempDir } from '../support/temp-dir.js';

/** testdata/connection/: one busybox service that says a marker line, `hello-<project>`, at start. */
const stack = (name: string): Scenario => scenario(`connection-${name}`, { folder: 'connection' });
const markerOf = (s: Scenario): string => `hello-${s.project}`;

/** A docker config folder with no context in use, so the host's own ~/.docker never decides. */
const emptyConfig = async (): Promise<string> => tempDir('pond-docker-config-', { keep: 'file' });

const runningId = async (project: string): Promise<string> => {
  const web = (await containers(project)).web;
  expect(web?.state).toBe('running');
  return web!.id;
};

beforeAll(() => waitForImage('busybox:1.35'));

describe('a docker context chosen by the docker CLI config', () => {
  let proxy: SocketProxy;
  let env: Record<string, string>;
  const s = stack('ctx');
  let configFile: string;

  beforeAll(async () => {
    proxy = new SocketProxy(path.join(tempDir('pond-ctx-', { keep: 'file' }), 'docker.sock'));
    await proxy.open();
    const config = await emptyConfig();
    const meta = path.join(config, 'contexts', 'meta', createHash('sha256').update('pond-proxy').digest('hex'));
    await fs.mkdir(meta, { recursive: true });
    await fs.writeFile(
      path.join(meta, 'meta.json'),
      JSON.stringify({
        Name: 'pond-proxy',
        Metadata: {},
        Endpoints: { docker: { Host: proxy.dockerHost, SkipTLSVerify: false } },
      }),
    );
    configFile = path.join(config, 'config.json');
    await fs.writeFile(configFile, JSON.stringify({ currentContext: 'pond-proxy' }));
    env = { DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '' };
  });

  it("up and ps go to the current context's endpoint", async () => {
    const up = await s.pond(['up'], env);
    expect(up.code, up.stderr).toBe(0);
    const afterUp = proxy.connections;
    expect(afterUp).toBeGreaterThan(0);
    const id = await runningId(s.project);
    const ps = await s.pond(['ps', '-q'], env);
    expect(ps.code, ps.stderr).toBe(0);
    expect(id.startsWith(ps.stdout.trim())).toBe(true);
    expect(proxy.connections).toBeGreaterThan(afterUp);
  });

  it("with the context's engine gone, pond fails naming the context and its endpoint, not the default socket", async () => {
    await proxy.cut();
    const ps = await s.pond(['ps'], { ...env, POND_ENGINE_RETRY_MS: '0' });
    expect(ps.code).toBe(4);
    expect(ps.stderr).toContain(
      `cannot reach the Docker engine at ${proxy.dockerHost} (from context "pond-proxy", the current context in ${configFile})`,
    );
  });
});

describe('tcp with TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)', () => {
  let tlsEngine: TlsEngine;
  let certs: Awaited<ReturnType<typeof makeCertificates>>;
  let env: Record<string, string>;
  const s = stack('tls');
  let host: string;

  beforeAll(async () => {
    certs = await makeCertificates();
    tlsEngine = new TlsEngine(certs);
    host = `tcp://127.0.0.1:${await tlsEngine.open()}`;
    env = {
      DOCKER_HOST: host,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: certs.dir,
      DOCKER_CONFIG: await emptyConfig(),
    };
    const up = await s.pond(['up'], env);
    expect(up.code, up.stderr).toBe(0);
  });
  afterAll(() => tlsEngine.close());

  it('up creates the workload through the TLS engine, with a client certificate', async () => {
    await runningId(s.project);
    expect(tlsEngine.authorized).toBeGreaterThan(0);
  });

  it('logs stream over TLS', async () => {
    const before = tlsEngine.authorized;
    const logs = await s.pond(['logs', '--no-log-prefix', 'web'], env);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout.split('\n')).toContain(markerOf(s));
    expect(tlsEngine.authorized).toBeGreaterThan(before);
  });

  it('exec carries stdin and the exit code over the hijacked TLS stream', async () => {
    const echoed = await pondWithInput(['exec', '-T', 'web', 'sh', '-c', 'cat; exit 7'], 'sent-over-tls\n', {
      dir: s.dir,
      env: { ...s.env, ...env },
    });
    expect(echoed.stdout).toBe('sent-over-tls\n');
    expect(echoed.code).toBe(7);
  });

  it('without a client certificate the engine refuses, and pond says so naming the endpoint (exit 4)', async () => {
    const before = tlsEngine.authorized;
    const ps = await s.pond(['ps'], { ...env, DOCKER_CERT_PATH: certs.caOnly, POND_ENGINE_RETRY_MS: '0' });
    expect(ps.code).toBe(4);
    expect(ps.stderr).toContain(`cannot reach the Docker engine at ${host} (from DOCKER_HOST): TLS connection failed`);
    expect(ps.stderr).toMatch(/certificate required/);
    expect(ps.stderr).toContain(`no cert.pem and key.pem in ${certs.caOnly}`);
    expect(tlsEngine.authorized).toBe(before);
  });
});

describe('ssh:// through `ssh … docker system dial-stdio`', () => {
  let ssh: Awaited<ReturnType<typeof fakeSsh>>;
  let env: Record<string, string>;
  const s = stack('ssh');

  beforeAll(async () => {
    ssh = await fakeSsh();
    env = {
      PATH: `${ssh.bin}:${process.env.PATH}`,
      DOCKER_HOST: 'ssh://analyst@somehost:2222',
      DOCKER_CONFIG: await emptyConfig(),
    };
    const up = await s.pond(['up'], env);
    expect(up.code, up.stderr).toBe(0);
  });

  it("up runs every call through ssh with the URL's user, port and host", async () => {
    await runningId(s.project);
    const calls = (await fs.readFile(ssh.log, 'utf8')).split('\n').filter(Boolean);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls)).toEqual(
      new Set(['-o ConnectTimeout=30 -T -l analyst -p 2222 -- somehost docker system dial-stdio']),
    );
  });

  it('ps over ssh lists the running container', async () => {
    const id = await runningId(s.project);
    const ps = await s.pond(['ps', '-q'], env);
    expect(ps.code, ps.stderr).toBe(0);
    expect(id.startsWith(ps.stdout.trim())).toBe(true);
  });

  it('logs stream over ssh', async () => {
    const logs = await s.pond(['logs', '--no-log-prefix', 'web'], env);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout.split('\n')).toContain(markerOf(s));
  });

  it('exec carries stdin and the exit code over ssh', async () => {
    const echoed = await pondWithInput(['exec', '-T', 'web', 'sh', '-c', 'cat; exit 5'], 'sent-over-ssh\n', {
      dir: s.dir,
      env: { ...s.env, ...env },
    });
    expect(echoed.stdout).toBe('sent-over-ssh\n');
    expect(echoed.code).toBe(5);
  });

  it('an ssh that fails is reported with its own words (exit 4)', async () => {
    const ps = await s.pond(['ps'], {
      ...env,
      PATH: `${ssh.bin}:${process.env.PATH}`,
      DOCKER_HOST: 'ssh://analyst@somehost/not/a/socket',
      POND_ENGINE_RETRY_MS: '0',
    });
    expect(ps.code).toBe(4);
    expect(ps.stderr).toContain(
      'cannot reach the Docker engine at ssh://analyst@somehost/not/a/socket (from DOCKER_HOST): ssh exited with status 255: fake ssh: unexpected remote command',
    );
  });
});

describe('an engine that cannot be reached', () => {
  const s = stack('unreachable');

  it('a refused DOCKER_HOST exits 4 naming the endpoint, its source and a hint that fits any install', async () => {
    const port = await closedPort();
    const ps = await s.pond(['ps'], { DOCKER_HOST: `tcp://127.0.0.1:${port}`, POND_ENGINE_RETRY_MS: '0' });
    expect(ps.code).toBe(4);
    expect(ps.stderr).toContain(
      `cannot reach the Docker engine at tcp://127.0.0.1:${port} (from DOCKER_HOST): connection refused at 127.0.0.1:${port}`,
    );
    expect(ps.stderr).toContain('hint: start Docker, or set DOCKER_HOST / DOCKER_CONTEXT');
    expect(ps.stderr).not.toContain('scripts/');
  });

  it('a DOCKER_CONTEXT that does not exist exits 4 naming the context and where it was looked for', async () => {
    const config = await emptyConfig();
    const ps = await s.pond(['ps'], { DOCKER_HOST: '', DOCKER_CONTEXT: 'no-such-context', DOCKER_CONFIG: config });
    expect(ps.code).toBe(4);
    expect(ps.stderr).toContain('from context "no-such-context", set by DOCKER_CONTEXT: the context does not exist');
    expect(ps.stderr).toContain(path.join(config, 'contexts', 'meta'));
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${s.project}`)).toBe('');
  });
});

/** A loopback port nothing listens on (just released by the kernel). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
