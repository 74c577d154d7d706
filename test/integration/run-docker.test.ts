import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerEngine } from '../../src/engine/docker/index.js';
import type { TaskSpec } from '../../src/engine/types.js';
import { cleanupProject, docker, uniqueProject, waitForImage } from './helpers/docker.js';

const IMAGE = 'busybox:1.35';
const project = uniqueProject('hb-run');
const engine = createDockerEngine({ env: process.env });

function spec(name: string, command: string[], over: Partial<TaskSpec> = {}): TaskSpec {
  return {
    name: `${project}-${name}`,
    image: IMAGE,
    command,
    env: {},
    ports: [],
    mounts: [],
    resources: {},
    network: 'none',
    aliases: [],
    restart: 'no',
    init: true,
    stopTimeoutSec: 5,
    labels: { 'dev.pond.project': project, 'dev.pond.workload': name },
    ...over,
  };
}

function text(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

beforeAll(() => waitForImage(IMAGE), 130_000);
afterAll(() => cleanupProject(project), 60_000);

describe('Docker run(): what only a real engine shows', () => {
  it('a run the kernel killed for memory waits to exit 137 with oomKilled, as docker inspect records', async () => {
    const run = await engine.run(
      spec('hog', ['sh', '-c', "x=$(head -c 64000000 /dev/zero | tr '\\0' a); sleep 1"], {
        resources: { memoryBytes: 8 * 1024 * 1024 },
      }),
    );
    expect(await run.wait()).toEqual({ exitCode: 137, oomKilled: true });
    expect(await docker('inspect', '--format', '{{.State.OOMKilled}}', run.id)).toBe('true');
    await run.remove();
  }, 60_000);

  it('a run killed by a signal, not for memory, waits to exit 137 with oomKilled false', async () => {
    const run = await engine.run(spec('killed', ['sleep', '1000']));
    await engine.killWorkload(run.id, 'SIGKILL');
    expect(await run.wait()).toEqual({ exitCode: 137, oomKilled: false });
    await run.remove();
  }, 60_000);

  it('attached stdio gets every line of a run that exits at once, before wait resolves, stdout and stderr apart', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const [out, err] = [text(stdout), text(stderr)];
    const run = await engine.run(spec('io', ['sh', '-c', 'echo to-out; echo to-err >&2; exit 5']), {
      stdio: { tty: false, stdout, stderr },
    });
    expect(await run.wait()).toEqual({ exitCode: 5 });
    expect([out(), err()]).toEqual(['to-out\n', 'to-err\n']);
    await run.remove();
    expect(
      await docker(
        'ps',
        '-aq',
        '--filter',
        `label=dev.pond.project=${project}`,
        '--filter',
        'label=dev.pond.workload=io',
      ),
    ).toBe('');
  }, 60_000);
});
