import { describe, expect, it } from 'vitest';
import { isPinned } from '../../../src/desired/risks.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { planToJson, renderPlan } from '../../../src/plan/render.js';
import type { PlanOptions } from '../../../src/plan/types.js';
import { desiredOf, EMPTY, observedFrom, project, workload } from '../../support/fixtures.js';
import { tempProject } from '../../support/project.js';

const UP: PlanOptions = { forceRecreate: false, noRecreate: false, removeOrphans: false, wait: true };
const risky = () =>
  project([
    workload('agent', { image: 'busybox:1.35', network: 'host', unsafe: ['docker-socket', 'host-network'] }),
    workload('web', { image: 'nginx', ports: [{ container: 80, host: 8080, protocol: 'tcp', hostIp: '0.0.0.0' }] }),
    workload('safe', {
      image: 'busybox@sha256:' + 'a'.repeat(64),
      ports: [{ container: 80, protocol: 'tcp', hostIp: '127.0.0.1' }],
    }),
  ]);

describe('risks are visible on every plan', () => {
  it('the text plan has one risk line per unsafe opt-in, public port and unpinned image, in start order', () => {
    const text = renderPlan(reconcile(desiredOf(risky()), EMPTY, UP), { color: false });
    expect(text.split('\n').filter((l) => l.startsWith('risk:'))).toEqual([
      'risk: agent is given the Docker socket (unsafe: docker-socket): it can control the engine, which is root on this machine [unsafe-docker-socket]',
      "risk: agent shares the host's network (unsafe: host-network): no isolation, every port it opens is open on the host [unsafe-host-network]",
      "risk: web publishes 80/tcp on 0.0.0.0:8080 (public: true): reachable from other machines, and Docker's own rules bypass host firewalls such as UFW [public-port]",
      'risk: web image nginx is not pinned: no tag means a pull can change what runs (name a version tag or a digest) [unpinned-image]',
    ]);
  });

  it('a plan with no changes still lists the risks', () => {
    const desired = desiredOf(risky());
    const text = renderPlan(reconcile(desired, observedFrom(desired), UP), { color: false });
    expect(text).toContain('risk: web publishes 80/tcp');
    expect(text).toMatch(/No changes\./);
  });

  it('JSON carries the risks per plan (with the workload) and per step (with a code and a message)', () => {
    const json = planToJson(reconcile(desiredOf(risky()), EMPTY, UP)) as {
      risks: { workload: string; code: string }[];
      steps: { name: string; risks: { code: string; message: string }[] }[];
    };
    expect(json.risks.map((r) => `${r.workload} ${r.code}`)).toEqual([
      'agent unsafe-docker-socket',
      'agent unsafe-host-network',
      'web public-port',
      'web unpinned-image',
    ]);
    expect(json.steps.find((s) => s.name === 'web')!.risks.map((r) => r.code)).toEqual([
      'public-port',
      'unpinned-image',
    ]);
    expect(json.steps.find((s) => s.name === 'safe')!.risks).toEqual([]);
  });

  it('pond.yaml opt-ins and public ports reach the desired risks', async () => {
    const { load } = await tempProject(
      `  w:\n    image: busybox:latest\n    network: host\n    unsafe: [host-network]\n    ports: [{ target: 80, published: 18080, public: true }]\n`,
    );
    const risks = (await load()).desired.containers[0]!.risks.map((r) => r.code);
    expect(risks).toEqual(['unsafe-host-network', 'public-port', 'unpinned-image']);
  });

  it.each([
    ['busybox:1.35', true],
    ['busybox', false],
    ['busybox:latest', false],
    ['localhost:5000/team/app', false],
    ['localhost:5000/team/app:2.1', true],
    ['app@sha256:' + 'b'.repeat(64), true],
  ])('%s pinned: %s', (image, pinned) => {
    expect(isPinned(image)).toBe(pinned);
  });
});
