import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCreateOptions } from '../../../src/engine/docker/create-options.js';
import type { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { observedFrom } from '../../support/fixtures.js';
import { tempDir } from '../../support/temp-dir.js';

async function load(workloads: string) {
  const dir = tempDir('pond-sharednet-');
  await fs.mkdir(path.join(dir, 'bot'));
  await fs.writeFile(path.join(dir, 'bot', 'main.py'), 'print(1)\n');
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\nworkloads:\n${workloads}`);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}
const errorsOf = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: ConfigError) =>
      e.diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message} | ${d.hint}`),
  );
const A = '  a:\n    image: busybox:1.35\n';
const UP = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };

describe('network: workload:NAME', () => {
  it("joins the other workload's container namespace (docker's container:<name>), with no alias of its own", async () => {
    const { desired } = await load(`${A}  b:\n    image: busybox:1.35\n    network: workload:a\n`);
    const b = desired.containers.find((c) => c.workload === 'b')!;
    const body = toCreateOptions(b.spec);
    expect(body.HostConfig!.NetworkMode).toBe('container:demo-a');
    expect(body).not.toHaveProperty('NetworkingConfig');
    expect(b.display.network).toBe('workload:a');
  });

  it('implies a started dependency: the joiner starts after its target', async () => {
    const { graph, spec } = await load(
      `  z:\n    image: busybox:1.35\n  b:\n    image: busybox:1.35\n    network: workload:z\n`,
    );
    expect(spec.workloads.find((w) => w.name === 'b')!.dependsOn).toEqual({ z: 'started' });
    expect(graph.order).toEqual(['z', 'b']);
    expect(graph.edges).toEqual([{ from: 'b', to: 'z', condition: 'started' }]);
  });

  it('keeps a declared condition on the same target', async () => {
    const { spec } = await load(
      `  a:\n    image: busybox:1.35\n    health: { exec: "true" }\n  b:\n    image: busybox:1.35\n    network: workload:a\n    depends_on: { a: healthy }\n`,
    );
    expect(spec.workloads.find((w) => w.name === 'b')!.dependsOn).toEqual({ a: 'healthy' });
  });

  it("a change of the target changes the joiner's hash (docker binds it to the container it found at create)", async () => {
    const before = await load(`${A}  b:\n    image: busybox:1.35\n    network: workload:a\n`);
    const after = await load(
      `  a:\n    image: busybox:1.35\n    env: { X: "1" }\n  b:\n    image: busybox:1.35\n    network: workload:a\n`,
    );
    const plan = reconcile(after.desired, observedFrom(before.desired), UP);
    expect(plan.steps.map((s) => `${s.action} ${s.name}: ${s.cause}`)).toEqual([
      'replace a: env.X: added "1"',
      'replace b: joins the network of a, which is replaced',
    ]);
  });

  it('restarts a running joiner when its target is started again (the namespace it joined is gone)', async () => {
    const { desired } = await load(`${A}  b:\n    image: busybox:1.35\n    network: workload:a\n`);
    const observed = observedFrom(desired);
    observed.workloads.find((c) => c.labels['dev.pond.workload'] === 'a')!.state = 'exited';
    const plan = reconcile(desired, observed, UP);
    expect(plan.steps.map((s) => `${s.action} ${s.name}`)).toEqual(['start a', 'restart b']);
    expect(plan.steps[1]!.needs).toEqual([{ step: 'container:a', condition: 'started' }]);
  });

  it('a cycle through network sharing is reported at the network lines', async () => {
    const found = await errorsOf(
      load(
        `  a:\n    image: busybox:1.35\n    network: workload:b\n  b:\n    image: busybox:1.35\n    network: workload:a\n`,
      ),
    );
    expect(found).toEqual([
      '6:14 dependency-cycle: dependency cycle: a → b → a | remove one of these depends_on entries',
    ]);
  });

  it.each([
    [
      'a name that is no workload',
      `${A}  b:\n    image: busybox:1.35\n    network: workload:aa\n`,
      '8:14 shared-network: network: workload:aa names no workload of this project | did you mean "workload:a"?',
    ],
    [
      'itself',
      `${A}  b:\n    image: busybox:1.35\n    network: workload:b\n`,
      '8:14 shared-network: "b" cannot share its own network | name another workload, or use network: default',
    ],
    [
      'ports',
      `${A}  b:\n    image: busybox:1.35\n    network: workload:a\n    ports: ["8080"]\n`,
      `9:5 shared-network: a workload that shares another's network cannot publish ports | set it on "a", whose network namespace "b" shares`,
    ],
    [
      'hostname',
      `${A}  b:\n    image: busybox:1.35\n    network: workload:a\n    hostname: b\n`,
      `9:15 shared-network: a workload that shares another's network has that workload's hostname | set it on "a", whose network namespace "b" shares`,
    ],
    [
      'dns',
      `${A}  b:\n    image: busybox:1.35\n    network: workload:a\n    dns: [1.1.1.1]\n`,
      `9:5 shared-network: a workload that shares another's network uses that workload's dns | set it on "a", whose network namespace "b" shares`,
    ],
    [
      'extra_hosts',
      `${A}  b:\n    image: busybox:1.35\n    network: workload:a\n    extra_hosts: { x: 10.0.0.1 }\n`,
      `9:5 shared-network: a workload that shares another's network uses that workload's /etc/hosts | set it on "a", whose network namespace "b" shares`,
    ],
    [
      'a database (its preset publishes a port)',
      `${A}  b:\n    kind: database\n    engine: postgres\n    network: workload:a\n`,
      `9:14 shared-network: a database publishes its port, so it cannot share another workload's network | set it on "a", whose network namespace "b" shares`,
    ],
    [
      'a query target',
      `  a:\n    kind: query\n    sql: "select 1"\n  b:\n    image: busybox:1.35\n    network: workload:a\n`,
      '9:14 shared-network: "a" is a query: it has no standing container whose network could be shared | share the network of a long-running workload, or use network: default',
    ],
    [
      'a scheduled bot target',
      `  a:\n    kind: bot\n    runtime: python3.11\n    code: bot\n    schedule: "* * * * *"\n  b:\n    image: busybox:1.35\n    network: workload:a\n`,
      '11:14 shared-network: "a" is a scheduled bot: it has no standing container whose network could be shared | drop its schedule: to make it long-running, or use network: default',
    ],
    [
      'a host-networked target without the opt-in',
      `  a:\n    image: busybox:1.35\n    network: host\n    unsafe: [host-network]\n  b:\n    image: busybox:1.35\n    network: workload:a\n`,
      '10:14 unsafe: "a" uses the host\'s network, so joining it is host networking too | if you mean it, add `unsafe: [host-network]` to this workload',
    ],
  ])('is refused at its line with a hint: %s', async (_what, yaml, expected) => {
    expect(await errorsOf(load(yaml))).toEqual([expected]);
  });

  it('refuses a malformed value at validate time', async () => {
    expect(await errorsOf(load(`${A}  b:\n    image: busybox:1.35\n    network: container:a\n`))).toEqual([
      expect.stringMatching(
        /^8:14 pattern: network in workload "b" must be default, none, host or workload:NAME, not "container:a"/,
      ),
    ]);
  });
});
