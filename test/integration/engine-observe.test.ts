import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerEngine } from '../../src/engine/docker/index.js';
import type { TaskSpec } from '../../src/engine/types.js';
import { EngineError } from '../../src/errors.js';
import { cleanupProject, docker, uniqueProject, waitForImage } from './helpers/docker.js';

const IMAGE = 'busybox:1.35';
const project = uniqueProject('pond-e2e-obs-it');
const other = `${project}-other`;
const unlabelled = `${project}-unlabelled`;

function spec(p: string, workload: string, over: Partial<TaskSpec> = {}): TaskSpec {
  return {
    name: `${p}-${workload}`,
    image: IMAGE,
    env: {},
    ports: [],
    mounts: [],
    resources: {},
    network: 'bridge',
    aliases: [],
    restart: 'no',
    init: true,
    stopTimeoutSec: 1,
    labels: { 'dev.pond.project': p, 'dev.pond.workload': workload },
    ...over,
  };
}

describe('the engine calls behind stats, top, images and ls (real dockerd)', () => {
  const engine = createDockerEngine({ env: process.env });
  let busy = '';
  let done = '';

  beforeAll(async () => {
    await waitForImage(IMAGE);
    busy = await engine.createWorkload(
      spec(project, 'busy', { command: ['sh', '-c', 'sleep 3600 & sleep 3600 & wait'] }),
    );
    await engine.startWorkload(busy);
    done = await engine.createWorkload(spec(other, 'done', { command: ['true'] }));
    await docker('create', '--name', unlabelled, IMAGE, 'true');
  });

  afterAll(async () => {
    await cleanupProject(project);
    await cleanupProject(other, { containers: [unlabelled] });
  });

  it('stats: pids as docker stats counts them', async () => {
    const [sample, cli] = await Promise.all([
      engine.stats(busy),
      docker('stats', '--no-stream', '--format', '{{.PIDs}}', busy),
    ]);
    expect(sample.pids).toBe(Number(cli));
    expect(sample.pids).toBeGreaterThanOrEqual(3);
  });

  it("stats: received bytes are the container's own eth0 counter (read before and after the sample)", async () => {
    const counter = async (): Promise<number> =>
      Number(await docker('exec', busy, 'cat', '/sys/class/net/eth0/statistics/rx_bytes'));
    const before = await counter();
    const sample = await engine.stats(busy);
    const after = await counter();
    expect(sample.netRxBytes).toBeGreaterThanOrEqual(before);
    expect(sample.netRxBytes).toBeLessThanOrEqual(after);
  });

  it("top: the PIDs docker top lists, with the shell's two sleeps", async () => {
    const list = await engine.top(busy);
    const pid = list.titles.indexOf('PID');
    const cmd = list.titles.indexOf('CMD');
    expect(list.processes.filter((p) => p[cmd] === 'sleep 3600')).toHaveLength(2);
    const seen = (await docker('top', busy, '-o', 'pid'))
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(list.processes.map((p) => p[pid]).sort()).toEqual(seen.sort());
  });

  it('top of a container that is not running is an EngineError', async () => {
    await expect(engine.top(done)).rejects.toBeInstanceOf(EngineError);
  });

  it('inspectImage: the id and size docker image inspect reports; undefined for an image the engine lacks', async () => {
    const [id, size] = (await docker('image', 'inspect', '-f', '{{.Id}} {{.Size}}', IMAGE)).split(' ');
    expect(await engine.inspectImage(IMAGE)).toMatchObject({ id, sizeBytes: Number(size) });
    expect((await engine.inspectImage(IMAGE))!.repoTags).toContain(IMAGE);
    expect(await engine.inspectImage(`${project}/absent:1`)).toBeUndefined();
  });

  it('observe names the image id each container was made from', async () => {
    const [c] = (await engine.observe(project)).workloads;
    expect(c!.imageId).toBe(await docker('inspect', '-f', '{{.Image}}', busy));
  });

  it("listPondWorkloads: every project's labelled containers, stopped ones too, and no unlabelled one", async () => {
    const names = (await engine.listPondWorkloads()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([`${project}-busy`, `${other}-done`]));
    expect(names).not.toContain(unlabelled);
  });
});
