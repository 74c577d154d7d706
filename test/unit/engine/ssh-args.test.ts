import { describe, expect, it } from 'vitest';
import { sshArgs } from '../../../src/engine/docker/ssh-stream.js';

describe("sshArgs: the docker CLI's ssh command line", () => {
  it('runs docker system dial-stdio on the host, as the given user and port', () => {
    expect(sshArgs({ host: 'box', user: 'me', port: 2222 })).toEqual([
      '-o',
      'ConnectTimeout=30',
      '-T',
      '-l',
      'me',
      '-p',
      '2222',
      '--',
      'box',
      'docker',
      'system',
      'dial-stdio',
    ]);
  });

  it('passes a remote socket path to the remote docker as --host', () => {
    expect(sshArgs({ host: 'box', socketPath: '/run/user/1000/docker.sock' })).toEqual([
      '-o',
      'ConnectTimeout=30',
      '-T',
      '--',
      'box',
      'docker',
      '--host',
      'unix:///run/user/1000/docker.sock',
      'system',
      'dial-stdio',
    ]);
  });
});
