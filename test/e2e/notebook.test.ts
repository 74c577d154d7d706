import { beforeAll, describe, expect, it } from 'vitest';
import { docker, waitForImage } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('notebook');
const { project } = s;
let url: string;
/** The server's pid inside the container, from the runtime file Jupyter writes (the image has no pgrep). */
const JUPYTER_PID =
  "$(ls /root/.local/share/jupyter/runtime | grep -o -E '(nb|jp)server-[0-9]+' | grep -o -E '[0-9]+' | head -1)";

beforeAll(async () => {
  await waitForImage('python:3.11-slim');
});

describe('kind: notebook (Jupyter in the default image on the real engine)', () => {
  it('up brings it to healthy and prints its URL with the token; pond info says the same', async () => {
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    url = /explore {2}(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48})/.exec(up.stdout)?.[1] ?? '';
    expect(url, up.stdout).not.toBe('');
    const info = JSON.parse((await s.pond(['info', 'explore', '--format', 'json'])).stdout);
    expect(info.notebooks).toEqual([
      { workload: 'explore', server: 'jupyter', host: '127.0.0.1', port: Number(new URL(url).port), url },
    ]);
    expect(await docker('port', `${project}-explore`, '8888/tcp')).toBe(`127.0.0.1:${new URL(url).port}`);
    // Its health check is pond's own HTTP probe (no engine-side check): ps tries it now.
    const ps = JSON.parse((await s.pond(['ps', '--format', 'json'])).stdout);
    expect(ps.workloads.find((w: { workload: string }) => w.workload === 'explore').health).toBe('healthy');
    await docker('exec', `${project}-explore`, 'sh', '-c', `kill -STOP ${JUPYTER_PID}`);
    const stopped = JSON.parse((await s.pond(['ps', '--format', 'json'])).stdout);
    expect(stopped.workloads.find((w: { workload: string }) => w.workload === 'explore').health).toBe('unhealthy');
    await docker('exec', `${project}-explore`, 'sh', '-c', `kill -CONT ${JUPYTER_PID}`);
  });

  it('answers with the token, refuses without it, and lists the workspace notebook; data is mounted read-only', async () => {
    const token = new URL(url).searchParams.get('token')!;
    const api = new URL('/api/contents', url);
    expect((await fetch(api)).status).toBe(403);
    api.searchParams.set('token', token);
    const listing = (await (await fetch(api)).json()) as { content: { name: string }[] };
    expect(listing.content.map((c) => c.name)).toContain('explore.ipynb');
    const write = await docker('exec', `${project}-explore`, 'sh', '-c', 'touch /data/data/x 2>&1 || echo read-only');
    expect(write).toContain('read-only');
  });

  it('keeps its token and container on a second up; down removes it', async () => {
    const before = (await containers(project)).explore!.id;
    const again = await s.pond(['up']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('No changes');
    expect(again.stdout).toContain(url);
    expect((await containers(project)).explore!.id).toBe(before);
    expect((await s.pond(['down'])).code).toBe(0);
    expect((await containers(project)).explore).toBeUndefined();
  });
});
