import { describe, expect, it } from 'vitest';
import { parseHost } from '../../../src/engine/docker/endpoint.js';
import { unreachableError } from '../../../src/engine/docker/unreachable.js';

const fault = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('unreachableError: what was tried, where it came from, and why', () => {
  it('names a refused tcp endpoint and its source, with a hint that fits a package install', () => {
    const e = unreachableError(fault('ECONNREFUSED'), parseHost('tcp://127.0.0.1:9', 'from DOCKER_HOST'));
    expect(e.message).toBe(
      'cannot reach the Docker engine at tcp://127.0.0.1:9 (from DOCKER_HOST): connection refused at 127.0.0.1:9',
    );
    expect(e.hint).toBe('start Docker, or set DOCKER_HOST / DOCKER_CONTEXT to point pond at another engine');
    expect(e.exitCode).toBe(4);
  });

  it('says a missing socket is missing, naming its path', () => {
    expect(
      unreachableError(fault('ENOENT'), parseHost('unix:///tmp/x.sock', 'from context "c", set by DOCKER_CONTEXT'))
        .message,
    ).toBe(
      'cannot reach the Docker engine at unix:///tmp/x.sock (from context "c", set by DOCKER_CONTEXT): no socket at /tmp/x.sock',
    );
  });

  it('suggests the docker group on permission denied', () => {
    expect(unreachableError(fault('EACCES'), parseHost('unix:///tmp/x.sock', 'from DOCKER_HOST')).hint).toMatch(
      /^add your user to the docker group, or start Docker/,
    );
  });

  it('an ssh endpoint without an ssh command says so, and the hint names the ssh command to try', () => {
    const e = unreachableError(fault('ENOENT'), parseHost('ssh://me@box', 'from DOCKER_HOST'));
    expect(e.message).toMatch(/: the ssh command was not found on PATH$/);
    expect(e.hint).toMatch(/^check that `ssh me@box docker system dial-stdio` works/);
  });

  it("a TLS refusal without a client certificate says pond had none, in OpenSSL's words without its noise", () => {
    const endpoint = parseHost('tcp://h:2376', 'from DOCKER_HOST', { verify: true, ca: '/c/ca.pem', dir: '/c' });
    const e = unreachableError(
      fault('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', '8070:error:0A00045C:SSL routines:…'),
      endpoint,
    );
    expect(e.message).toBe(
      'cannot reach the Docker engine at tcp://h:2376 (from DOCKER_HOST): TLS connection failed (tlsv13 alert certificate required); pond had no client certificate to offer (no cert.pem and key.pem in /c), and the engine may require one',
    );
  });

  it('an invalid endpoint is reported as unusable, with why', () => {
    const e = unreachableError(fault('EINVALID'), {
      url: '',
      source: 'from context "x", set by DOCKER_CONTEXT',
      invalid: 'the context does not exist',
    });
    expect(e.message).toBe(
      'cannot use the Docker engine from context "x", set by DOCKER_CONTEXT: the context does not exist',
    );
  });
});
