import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, tempProject } from '../../support/project.js';
import { renderPlan } from '../../../src/plan/render.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { derivedPorts } from '../../../src/workloads/database/ports.js';
import { passEnv } from '../../../src/workloads/notebook/expand.js';
import { EMPTY } from '../../support/fixtures.js';
import { prepareProjectFiles } from '../../../src/session/prepare-files.js';

const project = (
  workloads: string,
  files: Record<string, string | Uint8Array> = { 'notebooks/explore.ipynb': '{}', 'data/orders.csv': 'a\n1\n' },
) => tempProject(workloads, files);

describe('kind: notebook', () => {
  it('jupyter over a folder: python image, workspace read-write, data read-only, derived port on 127.0.0.1, /api health, 2g and 2 CPUs', async () => {
    const { dir, load } = await project(
      '  explore:\n    kind: notebook\n    server: jupyter\n    notebook: notebooks\n    data: [data/orders.csv]\n',
    );
    const nb = (await load()).spec.workloads[0]!;
    expect(nb).toMatchObject({
      kind: 'notebook',
      image: 'python:3.11-slim',
      restart: 'unless-stopped',
      resources: { memoryBytes: 2 * 1024 ** 3, cpus: 2 },
    });
    expect(nb.mounts).toEqual([
      { type: 'bind', source: path.join(dir, 'notebooks'), target: '/workspace', readOnly: false },
      { type: 'bind', source: path.join(dir, 'data/orders.csv'), target: '/data/orders.csv', readOnly: true },
    ]);
    const port = derivedPorts('demo', ['explore'], []).get('explore');
    expect(nb.ports).toEqual([{ container: 8888, host: port, protocol: 'tcp', hostIp: '127.0.0.1' }]);
    expect(nb.health?.probe).toEqual({ http: { port: 8888, path: '/api' } });
    expect(nb.command?.[2]).toMatch(/command -v jupyter .* \|\| pip install .*jupyterlab/);
    expect(nb.command?.[2]).not.toContain(nb.notebook!.token);
    expect(nb.env.JUPYTER_TOKEN).toBe(nb.notebook!.token);
    expect(nb.sensitive).toContain('JUPYTER_TOKEN');
    expect(nb.notebook).toMatchObject({ server: 'jupyter', hostPort: port, tokenQuery: 'token' });
  });

  it('marimo (the default) opens the file it is given, on 2718 with /health', async () => {
    const { load } = await project(
      '  explore:\n    kind: notebook\n    notebook: notebooks/explore.ipynb\n    port: 9999\n',
    );
    const nb = (await load()).spec.workloads[0]!;
    expect(nb.command?.[2]).toContain(
      'marimo edit --host 0.0.0.0 --port 2718 --headless --token-password "$MARIMO_TOKEN" \'/workspace/explore.ipynb\'',
    );
    expect(nb.ports[0]).toMatchObject({ container: 2718, host: 9999 });
    expect(nb.health?.probe).toEqual({ http: { port: 2718, path: '/health' } });
    expect(nb.notebook?.tokenQuery).toBe('access_token');
  });

  it('keeps its generated token across loads (stored 0600 in .pond by prepareProjectFiles), so a second plan changes nothing; token: wins', async () => {
    const { dir, load } = await project('  explore:\n    kind: notebook\n    notebook: notebooks\n');
    const first = await load();
    const token = first.spec.workloads[0]!.notebook!.token;
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    prepareProjectFiles(first);
    const stat = await fs.stat(path.join(dir, '.pond/notebook/explore.token'));
    expect(stat.mode & 0o777).toBe(0o600);
    expect((await load()).desired.containers[0]!.hash).toBe(first.desired.containers[0]!.hash);
    expect(
      renderPlan(
        reconcile(first.desired, EMPTY, { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true }),
        { color: false },
      ),
    ).not.toContain(token);
    const set = await project('  explore:\n    kind: notebook\n    notebook: notebooks\n    token: ${NB_TOKEN}\n');
    expect((await set.load({ NB_TOKEN: 'from-the-env-123' })).spec.workloads[0]!.notebook!.token).toBe(
      'from-the-env-123',
    );
  });

  it('passes through only the host variables pass_env names or matches, as secrets', async () => {
    expect(
      passEnv(['AWS_*', 'GCP_PROJECT'], {
        AWS_ACCESS_KEY_ID: 'a',
        AWS_REGION: 'eu',
        HOME: '/root',
        GCP_PROJECT: 'p',
        GCP_OTHER: 'x',
      }),
    ).toEqual({ AWS_ACCESS_KEY_ID: 'a', AWS_REGION: 'eu', GCP_PROJECT: 'p' });
    const { load } = await project(
      '  explore:\n    kind: notebook\n    notebook: notebooks\n    pass_env: ["AWS_*"]\n',
    );
    const nb = (await load({ AWS_REGION: 'eu-west-1', PATH: '/bin', SECRET_THING: 'no' })).spec.workloads[0]!;
    expect(Object.keys(nb.env).sort()).toEqual(['AWS_REGION', 'MARIMO_TOKEN']);
    expect(nb.sensitive).toContain('AWS_REGION');
  });

  it('writes no token file when a later stage refuses the project (here: an unknown dependency)', async () => {
    const { dir, load } = await project(
      '  explore:\n    kind: notebook\n    notebook: notebooks\n  web:\n    image: busybox:1.35\n    depends_on: [nope]\n',
    );
    expect((await errorsOf(load()))[0]).toMatch(/unknown|nope/);
    await expect(fs.stat(path.join(dir, '.pond'))).rejects.toThrow();
  });

  it('a too-short token is refused by length, without showing it', async () => {
    const { load } = await project('  explore:\n    kind: notebook\n    notebook: notebooks\n    token: abc12\n');
    expect(await errorsOf(load())).toEqual([
      '7:12 invalid-value: token in workload "explore" must be at least 8 characters long',
    ]);
  });

  it('located errors for a missing notebook, missing data and a path outside the project; nothing is written', async () => {
    const { dir, load } = await project(
      '  explore:\n    kind: notebook\n    notebook: nope.py\n    data: [missing, ../elsewhere]\n',
      {},
    );
    expect(await errorsOf(load())).toEqual([
      '6:15 not-found: notebook nope.py does not exist',
      '7:12 not-found: data missing does not exist',
      '7:21 outside-project: data ../elsewhere is outside the project folder',
    ]);
    await expect(fs.stat(path.join(dir, '.pond'))).rejects.toThrow();
  });
});
