// A DuckDB query on a real 3-node Docker Swarm (scripts/swarm.sh): its task runs an image baked on the
// manager from the query's own (pond's runner and DuckDB inside, no bind of pond's install), reads its
// input from a Swarm config, has no route out (an internal overlay of its own), and its output comes
// back to pond's machine through the task's output. The tests run in order on one project; each
// proves one invariant by what the manager's docker CLI and the project folder show.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { swarmCluster, swarmRegistry, swarmScenario } from './helpers/swarm.js';
import { swarmSkipReason } from '../support/swarm.js';

const cluster = await swarmCluster();
const registry = cluster ? await swarmRegistry() : { why: swarmSkipReason() };
const T = 180_000;

interface Service {
  ID: string;
  Spec: {
    Labels: Record<string, string>;
    TaskTemplate: {
      ContainerSpec: { Image: string; Mounts?: { Type: string }[]; Configs?: { File: { Name: string } }[] };
      Networks?: { Target: string }[];
    };
  };
}

if (!cluster) {
  describe('a query on a swarm', () => it.skip(`skipped: ${swarmSkipReason()}`, () => undefined));
} else {
  const s = swarmScenario(cluster, 'swarm-query');
  const service = async (): Promise<Service> =>
    (JSON.parse(await s.manager('service', 'inspect', `${s.project}-sales`)) as Service[])[0]!;
  const output = (): unknown => JSON.parse(fs.readFileSync(s.at('out', 'sales.json'), 'utf8'));

  describe('a query on a swarm', () => {
    let firstId = '';

    it(
      "pond up runs the query as a task on the swarm and writes its output on pond's machine",
      async () => {
        const up = await s.pond(['up']);
        expect(up.code, up.stderr).toBe(0);
        const tasks = await s.manager('service', 'ps', '--format', '{{.CurrentState}}', `${s.project}-sales`);
        expect(tasks).toMatch(/^Complete/);
        expect(output()).toEqual([
          { region: 'eu', total: 8 },
          { region: 'us', total: 4 },
        ]);
        firstId = (await service()).ID;
      },
      T,
    );

    it(
      'the service names the task whose output pond wrote, so waiting on it again (a dependent) reads no log',
      async () => {
        const tasks = await s.manager('service', 'ps', '-q', '--no-trunc', `${s.project}-sales`);
        expect(tasks.split('\n').filter(Boolean)).toEqual([(await service()).Spec.Labels['dev.pond.collected']]);
      },
      T,
    );

    it(
      "the task runs an image baked from the query's own, with its input as a Swarm config and no bind mount",
      async () => {
        const spec = (await service()).Spec.TaskTemplate.ContainerSpec;
        expect(spec.Image).toMatch(/^pond-baked\/node:[0-9a-f]{20}$/);
        expect((spec.Mounts ?? []).map((m) => m.Type)).not.toContain('bind');
        expect((spec.Configs ?? []).map((c) => c.File.Name)).toEqual(['/work/data/orders.csv']);
        const baked = await s.manager('image', 'inspect', '--format', '{{json .Config.Env}}', spec.Image);
        expect(baked).toContain('NODE_VERSION');
      },
      T,
    );

    it(
      'the task has no route out: its only network is an internal overlay that nothing else joins',
      async () => {
        const nets = (await service()).Spec.TaskTemplate.Networks ?? [];
        expect(nets).toHaveLength(1);
        const net = JSON.parse(await s.manager('network', 'inspect', nets[0]!.Target)) as {
          Internal: boolean;
          Driver: string;
        }[];
        expect(net[0]).toMatchObject({ Internal: true, Driver: 'overlay' });
        const others = await s.manager(
          'service',
          'ls',
          '--format',
          '{{.Name}}',
          '--filter',
          `label=dev.pond.project=${s.project}`,
        );
        expect(others.split('\n').filter(Boolean)).toEqual([`${s.project}-sales`]);
      },
      T,
    );

    it(
      'after up, plan shows no changes (exit 0 with --detailed-exitcode)',
      async () => {
        const plan = await s.pond(['plan', '--detailed-exitcode']);
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      },
      T,
    );

    it(
      'an input change re-runs the query in place (the same service) and rewrites the output',
      async () => {
        fs.appendFileSync(s.at('data', 'orders.csv'), 'asia,10\n');
        const up = await s.pond(['up']);
        expect(up.code, up.stderr).toBe(0);
        expect((await service()).ID).toBe(firstId);
        expect(output()).toEqual([
          { region: 'asia', total: 10 },
          { region: 'eu', total: 8 },
          { region: 'us', total: 4 },
        ]);
      },
      T,
    );

    it(
      'pond query NAME --sql prints an ad hoc run done on the swarm and leaves no run service behind',
      async () => {
        const q = await s.pond([
          'query',
          'sales',
          '--sql',
          "select count(*)::int as n from read_csv('data/orders.csv')",
        ]);
        expect(q.code, q.stderr).toBe(0);
        expect(JSON.parse(q.stdout)).toEqual([{ n: 4 }]);
        const runs = await s.manager(
          'service',
          'ls',
          '-q',
          '--filter',
          'label=dev.pond.run',
          '--filter',
          `label=dev.pond.project=${s.project}`,
        );
        expect(runs).toBe('');
      },
      T,
    );

    it(
      "a failing query fails up (exit 1) with DuckDB's message, and the last good output stays",
      async () => {
        const before = fs.readFileSync(s.at('out', 'sales.json'), 'utf8');
        s.use('failing');
        const up = await s.pond(['up']);
        s.use();
        expect(up.code).toBe(1);
        expect(up.stderr).toMatch(/missing\.csv/);
        expect(fs.readFileSync(s.at('out', 'sales.json'), 'utf8')).toBe(before);
      },
      T,
    );

    it(
      "down removes the query's service and its internal network",
      async () => {
        const down = await s.pond(['down']);
        expect(down.code, down.stderr).toBe(0);
        const label = `label=dev.pond.project=${s.project}`;
        expect(await s.manager('service', 'ls', '-q', '--filter', label)).toBe('');
        expect(await s.manager('network', 'ls', '-q', '--filter', label)).toBe('');
      },
      T,
    );
  });
}

if (!cluster || !registry.addr) {
  describe('a query on a swarm with a registry', () => it.skip(`skipped: ${registry.why}`, () => undefined));
} else {
  const s = swarmScenario(cluster, 'swarm-query', { project: 'swarm-query-reg' });

  describe('a query on a swarm with a registry', () => {
    it(
      'with --registry the task runs the baked image by its pushed digest, free to run on any node, and writes its output',
      async () => {
        const up = await s.pond(['up', '--registry', registry.addr!]);
        expect(up.code, up.stderr).toBe(0);
        const [svc] = JSON.parse(await s.manager('service', 'inspect', `${s.project}-sales`)) as {
          Spec: { TaskTemplate: { ContainerSpec: { Image: string }; Placement?: { Constraints?: string[] } } };
        }[];
        const tt = svc!.Spec.TaskTemplate;
        expect(tt.ContainerSpec.Image).toMatch(new RegExp(`^${registry.addr}/pond-baked/node@sha256:[0-9a-f]{64}$`));
        expect(tt.Placement?.Constraints ?? []).toEqual([]);
        const manifest = await fetch(
          `http://${registry.addr}/v2/pond-baked/node/manifests/${tt.ContainerSpec.Image.split('@')[1]}`,
          { headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } },
        );
        expect(manifest.status).toBe(200);
        expect(JSON.parse(fs.readFileSync(s.at('out', 'sales.json'), 'utf8'))).toHaveLength(2);
        expect(up.stdout + up.stderr).not.toMatch(/pushing node:20-slim/);
      },
      T,
    );
  });
}
