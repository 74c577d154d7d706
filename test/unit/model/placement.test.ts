import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/config/format.js';
import { ConfigError } from '../../../src/errors.js';
import { normalizeConstraint } from '../../../src/model/placement.js';
import { loadProject } from '../../../src/pipeline.js';
import { tempDir } from '../../support/temp-dir.js';

async function load(workloads: string) {
  const dir = tempDir('pond-placement-');
  await fs.writeFile(path.join(dir, 'q.sql'), 'select 1 as one\n');
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\nworkloads:\n${workloads}`);
  return { dir, project: () => loadProject([path.join(dir, 'pond.yaml')], {}) };
}

async function errors(workloads: string): Promise<string[]> {
  const { dir, project } = await load(workloads);
  try {
    await project();
  } catch (e) {
    if (e instanceof ConfigError) return e.diagnostics.map((d) => formatDiagnostic(d, dir));
    throw e;
  }
  throw new Error('expected the project to be refused');
}

describe("placement constraints are Swarm's `<key> ==|!= <value>`", () => {
  it('a known key with == or != is accepted, written without spaces around the operator', () => {
    expect(normalizeConstraint('node.labels.pond.node == 1')).toBe('node.labels.pond.node==1');
    expect(normalizeConstraint('node.role!=worker')).toBe('node.role!=worker');
    expect(normalizeConstraint('engine.labels.disk==ssd')).toBe('engine.labels.disk==ssd');
    expect(normalizeConstraint('node.platform.arch==x86_64')).toBe('node.platform.arch==x86_64');
  });

  it('one =, an unknown key, a missing value or a bare label prefix is not a constraint', () => {
    for (const bad of ['node.role=manager', 'zone==eu', 'node.role==', 'node.labels==x', 'node.hostname==a b'])
      expect(normalizeConstraint(bad), bad).toBeUndefined();
  });

  it('a bad constraint is refused at its item with a hint showing the syntax', async () => {
    expect(
      await errors(
        '  web:\n    image: busybox:1.35\n    placement:\n      constraints: ["node.role==manager", "zone=eu"]\n',
      ),
    ).toEqual([
      'pond.yaml:7:43 error[placement]: "zone=eu" is not a placement constraint\n  hint: write `<key>==<value>` or `<key>!=<value>` with a key such as node.labels.NAME, node.hostname, node.role or node.platform.os, e.g. "node.labels.pond.node==1"',
    ]);
  });
});

describe('replicas and placement reach the task spec only when written, so existing config hashes stay put', () => {
  it('written: the spec and the task carry them', async () => {
    const { project } = await load(
      '  web:\n    image: busybox:1.35\n    replicas: 3\n    placement:\n      constraints: ["node.role == manager"]\n',
    );
    const p = await project();
    expect(p.spec.workloads[0]).toMatchObject({ replicas: 3, placement: ['node.role==manager'] });
    expect(p.desired.containers[0]?.spec).toMatchObject({ replicas: 3, placement: ['node.role==manager'] });
  });

  it('not written: neither key is in the spec or the task', async () => {
    const { project } = await load('  web:\n    image: busybox:1.35\n');
    const p = await project();
    expect(Object.keys(p.spec.workloads[0]!)).not.toContain('replicas');
    expect(Object.keys(p.desired.containers[0]!.spec)).not.toEqual(expect.arrayContaining(['replicas']));
    expect(Object.keys(p.desired.containers[0]!.spec)).not.toEqual(expect.arrayContaining(['placement']));
  });

  it('a changed replica count changes the config hash (the plan sees it)', async () => {
    const one = await (await load('  web:\n    image: busybox:1.35\n    replicas: 2\n')).project();
    const two = await (await load('  web:\n    image: busybox:1.35\n    replicas: 3\n')).project();
    expect(one.desired.containers[0]!.hash).not.toBe(two.desired.containers[0]!.hash);
  });
});

describe('kinds that run one copy refuse replicas above 1, on every backend', () => {
  it('a database: one data volume', async () => {
    expect(
      await errors('  db:\n    kind: database\n    engine: postgres\n    version: "15"\n    replicas: 2\n'),
    ).toEqual([
      'pond.yaml:8:15 error[replicas]: workload db: a database runs one copy, not 2: a database keeps its data in one volume, which two copies would share or split\n  hint: drop replicas: (a database runs one copy), or run a replicated database image as a service',
    ]);
  });

  it('a query: it is a run', async () => {
    const [e, ...rest] = await errors(
      '  q:\n    kind: query\n    sql: ./q.sql\n    output: { path: ./out/q.csv, format: csv }\n    replicas: 4\n',
    );
    expect(rest).toEqual([]);
    expect(e).toMatch(/^pond\.yaml:8:15 error\[replicas\]: workload q: a query runs one copy, not 4: a query is a run/);
  });

  it('a database scaled to 0 or kept at 1 is accepted', async () => {
    for (const n of [0, 1]) {
      const { project } = await load(
        `  db:\n    kind: database\n    engine: postgres\n    version: "15"\n    replicas: ${n}\n`,
      );
      expect((await project()).spec.workloads[0]?.replicas).toBe(n);
    }
  });
});
