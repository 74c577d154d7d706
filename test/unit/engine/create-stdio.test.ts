import { describe, expect, it } from 'vitest';
import { toCreateOptions } from '../../../src/engine/docker/create-options.js';
import type { TaskSpec } from '../../../src/engine/types.js';

const spec: TaskSpec = {
  name: 'p-w-run-abc123',
  image: 'busybox:1.35',
  env: {},
  ports: [],
  mounts: [],
  resources: {},
  network: 'p_default',
  aliases: [],
  restart: 'no',
  init: true,
  stopTimeoutSec: 10,
  labels: {},
};
const stdioOf = (s: TaskSpec) => {
  const { Tty, OpenStdin, StdinOnce, AttachStdin, AttachStdout, AttachStderr } = toCreateOptions(s);
  return { Tty, OpenStdin, StdinOnce, AttachStdin, AttachStdout, AttachStderr };
};

describe('the create body of an attached container', () => {
  it('a spec asking for neither TTY nor stdin gets a body without any stdio field', () => {
    expect(Object.keys(toCreateOptions(spec)).filter((k) => /^(Tty|OpenStdin|StdinOnce|Attach)/.test(k))).toEqual([]);
  });

  it('an open stdin is kept for one attached caller and closed when its input ends (StdinOnce)', () => {
    expect(stdioOf({ ...spec, openStdin: true })).toEqual({
      Tty: false,
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
  });

  it('a TTY with stdin asks for both', () => {
    expect(stdioOf({ ...spec, tty: true, openStdin: true })).toMatchObject({
      Tty: true,
      OpenStdin: true,
      AttachStdin: true,
    });
  });
});
