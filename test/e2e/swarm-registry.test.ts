// `registry:` on a real swarm (scripts/swarm.sh runs a registry every node trusts): pond up pushes the
// manager's local image there once and the services run it pinned by the pushed digest, which the
// registry itself serves; a second up changes nothing. Checked through the manager's docker CLI and
// the registry's own HTTP API.
import { describe, expect, it } from 'vitest';
import { eventually } from '../integration/helpers/docker.js';
import { swarmCluster, swarmRegistry, swarmScenario } from './helpers/swarm.js';
import { swarmSkipReason } from '../support/swarm.js';

const T = 180_000;
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

const cluster = await swarmCluster();
const registry = cluster ? await swarmRegistry() : { why: swarmSkipReason() };

interface Service {
  Version: { Index: number };
  Spec: { TaskTemplate: { ContainerSpec: { Image: string } } };
}

if (!cluster || !registry.addr) {
  describe('registry: on a swarm', () => it.skip(`skipped: ${registry.why}`, () => undefined));
} else {
  const reg = registry.addr;
  const s = swarmScenario(cluster, 'swarm-registry', { env: { E2E_REGISTRY: reg } });
  const service = async (w: string): Promise<Service> =>
    (JSON.parse(await s.manager('service', 'inspect', `${s.project}-${w}`)) as Service[])[0]!;
  const runningTasks = async (w: string): Promise<string[]> =>
    (
      await s.manager(
        'service',
        'ps',
        '--filter',
        'desired-state=running',
        '--format',
        '{{.CurrentState}}',
        `${s.project}-${w}`,
      )
    )
      .split('\n')
      .filter((l) => l.startsWith('Running'));
  let upOutput = '';
  const versions: Record<string, number> = {};

  describe('registry: on a swarm', () => {
    it(
      "up gives each service the registry's digest of the local image as its image",
      async () => {
        const up = await s.pond(['up']);
        upOutput = up.stdout + up.stderr;
        expect(up.code, upOutput).toBe(0);
        for (const w of ['a', 'b']) {
          const svc = await service(w);
          versions[w] = svc.Version.Index;
          expect(svc.Spec.TaskTemplate.ContainerSpec.Image).toMatch(
            new RegExp(`^${reg.replace(/\./g, '\\.')}/busybox@sha256:[0-9a-f]{64}$`),
          );
        }
      },
      T,
    );

    it(
      'the pinned digest is the one the registry serves for busybox:1.35',
      async () => {
        const res = await fetch(`http://${reg}/v2/busybox/manifests/1.35`, { headers: { accept: MANIFEST_V2 } });
        expect(res.status).toBe(200);
        const digest = (await service('a')).Spec.TaskTemplate.ContainerSpec.Image.split('@')[1];
        expect(res.headers.get('docker-content-digest')).toBe(digest);
      },
      T,
    );

    it(
      'the tasks run the pinned image (the nodes pulled it from the registry)',
      async () => {
        for (const w of ['a', 'b'])
          await eventually(async () => expect(await runningTasks(w)).toHaveLength(1), { timeoutMs: 90_000 });
      },
      T,
    );

    it(
      'one image of two services is pushed once',
      () => {
        expect(upOutput.match(/pushed busybox:1\.35 as /g), upOutput).toHaveLength(1);
      },
      T,
    );

    it(
      'a second up changes nothing: plan has no changes and no service got a new version',
      async () => {
        const plan = await s.pond(['plan', '--detailed-exitcode']);
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
        const up = await s.pond(['up']);
        expect(up.code, up.stdout + up.stderr).toBe(0);
        for (const w of ['a', 'b']) expect((await service(w)).Version.Index).toBe(versions[w]);
      },
      T,
    );
  });
}
