import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dockerHost } from '../../../src/cli/docker-host.js';
import { UsageError } from '../../../src/errors.js';

const sha = (name: string): string => createHash('sha256').update(name).digest('hex');
const files = (entries: Record<string, string>) => (file: string): string | undefined => entries[file];
const meta = (host: string): string => JSON.stringify({ Name: 'x', Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });

describe('dockerHost', () => {
  it('DOCKER_HOST wins over DOCKER_CONTEXT', () => {
    expect(dockerHost({ DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONTEXT: 'remote' }, files({}))).toBe('tcp://127.0.0.1:2375');
  });

  it('DOCKER_CONTEXT names a context whose docker endpoint is used', () => {
    const read = files({ [`/cfg/contexts/meta/${sha('remote')}/meta.json`]: meta('unix:///run/other.sock') });
    expect(dockerHost({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'remote' }, read)).toBe('unix:///run/other.sock');
  });

  it('without either, the current context of config.json (docker context use)', () => {
    const read = files({ '/home/me/.docker/config.json': '{"currentContext":"lab"}', [`/home/me/.docker/contexts/meta/${sha('lab')}/meta.json`]: meta('tcp://10.0.0.2:2375') });
    expect(dockerHost({ HOME: '/home/me' }, read)).toBe('tcp://10.0.0.2:2375');
  });

  it('the default context means the default socket', () => {
    expect(dockerHost({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'default' }, files({}))).toBeUndefined();
  });

  it('a context that does not exist is a usage error naming it', () => {
    expect(() => dockerHost({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'nope' }, files({}))).toThrow(UsageError);
    expect(() => dockerHost({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'nope' }, files({}))).toThrow('docker context "nope" not found');
  });
});
