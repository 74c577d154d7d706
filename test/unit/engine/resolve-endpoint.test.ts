import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../../src/engine/docker/resolve-endpoint.js';
import { tempDir } from '../../support/temp-dir.js';

let home: string;
let config: string;
beforeEach(() => {
  home = tempDir('pond-home-');
  config = path.join(home, '.docker');
});

const sha = (name: string): string => createHash('sha256').update(name).digest('hex');

/** Writes a context as `docker context create` stores it, with the named TLS files. */
function context(dir: string, name: string, endpoint: Record<string, unknown>, pems: string[] = []): string {
  const meta = path.join(dir, 'contexts', 'meta', sha(name));
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(
    path.join(meta, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: endpoint } }),
  );
  const tls = path.join(dir, 'contexts', 'tls', sha(name), 'docker');
  fs.mkdirSync(tls, { recursive: true });
  for (const p of pems) fs.writeFileSync(path.join(tls, `${p}.pem`), p);
  return tls;
}

function current(dir: string, name: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: name }));
}

describe('resolveEndpoint: which engine, as the docker CLI chooses', () => {
  it('uses the default socket when nothing is set', () => {
    const e = resolveEndpoint({ HOME: home });
    expect(e.transport).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(e.url).toBe('unix:///var/run/docker.sock');
    expect(e.source).toMatch(/^the default/);
  });

  it('DOCKER_HOST beats DOCKER_CONTEXT and the current context', () => {
    context(config, 'remote', { Host: 'tcp://10.0.0.9:2375' });
    current(config, 'remote');
    const e = resolveEndpoint({ HOME: home, DOCKER_HOST: 'unix:///tmp/x.sock', DOCKER_CONTEXT: 'remote' });
    expect(e.transport).toEqual({ kind: 'unix', socketPath: '/tmp/x.sock' });
    expect(e.source).toBe('from DOCKER_HOST');
  });

  it('an empty DOCKER_HOST counts as unset', () => {
    context(config, 'remote', { Host: 'tcp://10.0.0.9:2375' });
    current(config, 'remote');
    expect(resolveEndpoint({ HOME: home, DOCKER_HOST: '' }).url).toBe('tcp://10.0.0.9:2375');
  });

  it('DOCKER_CONTEXT beats the current context of config.json', () => {
    context(config, 'a', { Host: 'unix:///tmp/a.sock' });
    context(config, 'b', { Host: 'unix:///tmp/b.sock' });
    current(config, 'a');
    const e = resolveEndpoint({ HOME: home, DOCKER_CONTEXT: 'b' });
    expect(e.url).toBe('unix:///tmp/b.sock');
    expect(e.source).toBe('from context "b", set by DOCKER_CONTEXT');
  });

  it('reads the current context from $DOCKER_CONFIG, not ~/.docker, when DOCKER_CONFIG is set', () => {
    const elsewhere = path.join(home, 'cfg');
    context(config, 'c', { Host: 'unix:///tmp/home.sock' });
    current(config, 'c');
    context(elsewhere, 'c', { Host: 'unix:///tmp/elsewhere.sock' });
    current(elsewhere, 'c');
    const e = resolveEndpoint({ HOME: home, DOCKER_CONFIG: elsewhere });
    expect(e.url).toBe('unix:///tmp/elsewhere.sock');
    expect(e.source).toBe(`from context "c", the current context in ${path.join(elsewhere, 'config.json')}`);
  });

  it('the context "default" means the default socket', () => {
    current(config, 'default');
    const e = resolveEndpoint({ HOME: home });
    expect(e.transport).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(e.source).toContain('context "default"');
  });

  it('a context that does not exist is invalid, naming the meta.json looked for', () => {
    const e = resolveEndpoint({ HOME: home, DOCKER_CONTEXT: 'nope' });
    expect(e.transport).toBeUndefined();
    expect(e.invalid).toContain(path.join(config, 'contexts', 'meta', sha('nope'), 'meta.json'));
  });

  it("a context's TLS files and SkipTLSVerify become its tcp endpoint's TLS, on port 2376 by default", () => {
    const tls = context(config, 'secure', { Host: 'tcp://engine.example', SkipTLSVerify: true }, ['ca', 'cert', 'key']);
    const e = resolveEndpoint({ HOME: home, DOCKER_CONTEXT: 'secure' });
    expect(e.transport).toEqual({
      kind: 'tcp',
      host: 'engine.example',
      port: 2376,
      tls: {
        verify: false,
        ca: path.join(tls, 'ca.pem'),
        cert: path.join(tls, 'cert.pem'),
        key: path.join(tls, 'key.pem'),
        dir: tls,
      },
    });
  });

  it('a tcp context without TLS files or SkipTLSVerify is plain HTTP on port 2375', () => {
    context(config, 'plain', { Host: 'tcp://engine.example', SkipTLSVerify: false });
    expect(resolveEndpoint({ HOME: home, DOCKER_CONTEXT: 'plain' }).transport).toEqual({
      kind: 'tcp',
      host: 'engine.example',
      port: 2375,
    });
  });
});

describe('resolveEndpoint: DOCKER_HOST forms', () => {
  it('tcp:// without TLS defaults to port 2375', () => {
    expect(resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1' }).transport).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2375,
    });
  });

  it('DOCKER_TLS_VERIFY turns on verified TLS with the files of DOCKER_CERT_PATH that exist, port 2376 by default', () => {
    const certs = path.join(home, 'certs');
    fs.mkdirSync(certs);
    for (const p of ['ca', 'cert']) fs.writeFileSync(path.join(certs, `${p}.pem`), p);
    const e = resolveEndpoint({
      HOME: home,
      DOCKER_HOST: 'tcp://[::1]',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: certs,
    });
    expect(e.transport).toEqual({
      kind: 'tcp',
      host: '::1',
      port: 2376,
      tls: { verify: true, ca: path.join(certs, 'ca.pem'), cert: path.join(certs, 'cert.pem'), dir: certs },
    });
  });

  it('TLS certificates default to the config folder', () => {
    fs.mkdirSync(config);
    fs.writeFileSync(path.join(config, 'key.pem'), 'k');
    const e = resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://h:1', DOCKER_TLS_VERIFY: '1' });
    expect(e.transport).toMatchObject({ tls: { verify: true, key: path.join(config, 'key.pem'), dir: config } });
  });

  it('DOCKER_TLS alone is TLS without verification', () => {
    expect(resolveEndpoint({ HOME: home, DOCKER_HOST: 'tcp://h:1', DOCKER_TLS: '1' }).transport).toMatchObject({
      tls: { verify: false },
    });
  });

  it('ssh://user@host:port/path gives the user, port and remote socket', () => {
    expect(resolveEndpoint({ HOME: home, DOCKER_HOST: 'ssh://me@box:2222/run/docker.sock' }).transport).toEqual({
      kind: 'ssh',
      host: 'box',
      user: 'me',
      port: 2222,
      socketPath: '/run/docker.sock',
    });
    expect(resolveEndpoint({ HOME: home, DOCKER_HOST: 'ssh://box' }).transport).toEqual({ kind: 'ssh', host: 'box' });
  });

  it('an ssh:// URL with a password is refused', () => {
    expect(resolveEndpoint({ HOME: home, DOCKER_HOST: 'ssh://me:secret@box' }).invalid).toMatch(/password/);
  });

  it('an unknown scheme is invalid, naming the supported ones', () => {
    const e = resolveEndpoint({ HOME: home, DOCKER_HOST: 'npipe:////./pipe/docker_engine' });
    expect(e.transport).toBeUndefined();
    expect(e.invalid).toMatch(/unix:\/\/, tcp:\/\/ or ssh:\/\//);
  });
});
