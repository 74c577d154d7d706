import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityDiagnostics } from '../../../src/desired/capability-check.js';
import { BACKEND_CAPABILITIES, type BackendName } from '../../../src/engine/capabilities.js';
import { loadProject } from '../../../src/pipeline.js';
import { tempDir } from '../../support/temp-dir.js';

async function project(workloads: string) {
  const dir = tempDir('pond-cluster-');
  await fs.mkdir(path.join(dir, 'src'));
  await fs.writeFile(path.join(dir, 'q.sql'), 'select 1 as one\n');
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\nworkloads:\n${workloads}`);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}

const on = (backend: BackendName) => ({ name: backend, capabilities: BACKEND_CAPABILITIES[backend] });
const check = async (backend: BackendName, workloads: string) => {
  const p = await project(workloads);
  return capabilityDiagnostics(p.spec, on(backend), p.config);
};

describe('docker runs one copy on one machine: replicas other than one and placement are refused at their keys', () => {
  it('replicas: 3 is refused at the replicas key with a hint naming the swarm backend', async () => {
    expect(await check('docker', '  web:\n    image: busybox:1.35\n    replicas: 3\n')).toMatchObject([
      {
        code: 'backend-replicas',
        severity: 'error',
        message:
          'workload web: replicas: 3 needs a number of copies other than one, which the docker backend cannot do',
        hint: 'drop replicas: (one machine runs one copy), or use --engine swarm',
        location: { line: 6, col: 15 },
      },
    ]);
  });

  it('replicas: 0 is refused too: docker would run the one copy anyway', async () => {
    expect(await check('docker', '  web:\n    image: busybox:1.35\n    replicas: 0\n')).toMatchObject([
      { code: 'backend-replicas', location: { line: 6, col: 15 } },
    ]);
  });

  it('replicas: 1 is what docker does: nothing refused', async () => {
    expect(await check('docker', '  web:\n    image: busybox:1.35\n    replicas: 1\n')).toEqual([]);
  });

  it('placement: is refused at the placement key', async () => {
    const yaml = '  web:\n    image: busybox:1.35\n    placement:\n      constraints: ["node.role==manager"]\n';
    expect(await check('docker', yaml)).toMatchObject([
      {
        code: 'backend-placement',
        message:
          'workload web: placement: needs choosing the node a workload runs on, which the docker backend cannot do',
        hint: 'drop placement: (one machine has one node), or use --engine swarm',
        location: { line: 6, col: 5 },
      },
    ]);
  });
});

describe('swarm: what cannot work on a cluster is refused, what works another way is a warning', () => {
  it('replicas and placement are what a cluster does: nothing refused', async () => {
    const yaml =
      '  web:\n    image: busybox:1.35\n    replicas: 3\n    placement:\n      constraints: ["node.role==manager"]\n';
    expect(await check('swarm', yaml)).toEqual([]);
  });

  it('a writable host folder is refused; a read-only one is copied to the task, so it is not', async () => {
    const bind = (mode: string) => `  web:\n    image: busybox:1.35\n    volumes: ["./src:/app${mode}"]\n`;
    expect(await check('swarm', bind(''))).toMatchObject([
      {
        code: 'backend-bind-mounts',
        hint: expect.stringContaining('mount it read-only'),
        location: { line: 6, col: 5 },
      },
    ]);
    expect(await check('swarm', bind(':ro'))).toEqual([]);
  });

  it('warm: true is only faster, so a query keeps running cold: a warning at warm, not an error', async () => {
    const yaml = `  q:\n    kind: query\n    sql: ./q.sql\n    output: { path: ./out/q.csv, format: csv }\n    network: default\n    warm: true\n`;
    expect((await check('swarm', yaml)).filter((d) => d.severity === 'warning')).toMatchObject([
      { code: 'backend-exec', severity: 'warning', location: { line: 9, col: 11 } },
    ]);
  });
});

describe("every example's verdict on swarm (errors, by workload): the list the cluster backend starts from", () => {
  const verdict = async (example: string, backend: BackendName) => {
    const p = await loadProject([path.resolve('examples', example, 'pond.yaml')], {});
    return capabilityDiagnostics(p.spec, on(backend), p.config)
      .filter((d) => d.severity === 'error')
      .map((d) => `${/workload (\S+):/.exec(d.message)?.[1]} ${d.code}`);
  };

  it('on docker no example is refused anything', async () => {
    for (const ex of ['analytics', 'databases', 'quickstart', 'testing'])
      expect(await verdict(ex, 'docker')).toEqual([]);
  });

  it("on swarm: a notebook's writable host folder and a bot's results file (read-only binds are copied, a query's output comes back with its run)", async () => {
    expect({
      analytics: await verdict('analytics', 'swarm'),
      databases: await verdict('databases', 'swarm'),
      quickstart: await verdict('quickstart', 'swarm'),
      testing: await verdict('testing', 'swarm'),
    }).toEqual({
      analytics: ['explore backend-bind-mounts', 'report backend-copy-out'],
      databases: [],
      quickstart: [],
      testing: [],
    });
  });
});
