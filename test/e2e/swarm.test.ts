// The same pond.yaml on a real 3-node Docker Swarm (scripts/swarm.sh), checked through the manager's
// own docker CLI and each node's engine: order by depends_on, private ports, secrets, an in-place
// rolling update, a pinned database keeping its data, a node loss converging, and down. The tests run
// in order on one project (a swarm stack takes seconds to come up); each proves one invariant.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { eventually } from '../integration/helpers/docker.js';
import { dockerAt, nodeSocket, swarmCluster, swarmScenario } from './helpers/swarm.js';
import { swarmSkipReason } from '../support/swarm.js';

const cluster = await swarmCluster();

/** A port nothing listens on now, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
const T = 240_000;

interface Task {
  ID: string;
  CreatedAt: string;
  NodeID: string;
  DesiredState: string;
  Status: { State: string; Timestamp: string; ContainerStatus?: { ContainerID?: string } };
}

if (!cluster) {
  describe('pond on a swarm', () => it.skip(`skipped: ${swarmSkipReason()}`, () => undefined));
} else {
  const s = swarmScenario(cluster, 'swarm');
  const service = (w: string) => `${s.project}-${w}`;
  const inspect = async <T>(kind: string, name: string): Promise<T> =>
    (JSON.parse(await s.manager(kind, 'inspect', name)) as T[])[0]!;
  const tasks = async (w: string): Promise<Task[]> => {
    const ids = (await s.manager('service', 'ps', '-q', '--no-trunc', service(w))).split('\n').filter(Boolean);
    return ids.length ? (JSON.parse(await s.manager('inspect', ...ids)) as Task[]) : [];
  };
  const running = async (w: string) =>
    (await tasks(w)).filter((t) => t.DesiredState === 'running' && t.Status.State === 'running');
  const hostname = async (nodeId: string) =>
    (await inspect<{ Description: { Hostname: string } }>('node', nodeId)).Description.Hostname;
  /** psql inside the db's task, through the engine of the node it runs on (the manager cannot exec). */
  const psql = async (sql: string): Promise<string> => {
    const [t] = await running('db');
    const node = nodeSocket(await hostname(t!.NodeID));
    return dockerAt(node, 'exec', t!.Status.ContainerStatus!.ContainerID!, 'psql', '-U', 'pond', '-tAc', sql);
  };

  describe('pond on a swarm', () => {
    let apiId = '';
    let apiVersion = 0;

    it(
      'up brings the stack up as labelled services: every api replica runs',
      async () => {
        const up = await s.pond(['up']);
        expect(up.code, up.stderr).toBe(0);
        const api = await inspect<{ ID: string; Version: { Index: number }; Spec: { Labels: Record<string, string> } }>(
          'service',
          service('api'),
        );
        apiId = api.ID;
        apiVersion = api.Version.Index;
        expect(api.Spec.Labels).toMatchObject({ 'dev.pond.project': s.project, 'dev.pond.workload': 'api' });
        expect(await running('api')).toHaveLength(2);
      },
      T,
    );

    it(
      'kept the depends_on order: the migration ran after the db was healthy, the api after it completed',
      async () => {
        const [migrate] = await tasks('migrate');
        const api = await inspect<{ CreatedAt: string }>('service', service('api'));
        const migrateSvc = await inspect<{ CreatedAt: string }>('service', service('migrate'));
        expect(migrate!.Status.State).toBe('complete');
        // When a db container first turned healthy, by its node's own event stream (over every db task:
        // one that failed before it got healthy, under load, is followed by another).
        const healthy = await Promise.all(
          (await tasks('db'))
            .filter((t) => t.Status.ContainerStatus?.ContainerID)
            .map(async (t) =>
              dockerAt(
                nodeSocket(await hostname(t.NodeID)),
                'events',
                '--since',
                '0',
                '--until',
                String(Math.ceil(Date.now() / 1000)),
                '--filter',
                `container=${t.Status.ContainerStatus!.ContainerID!}`,
                '--filter',
                'event=health_status: healthy',
                '--format',
                '{{.TimeNano}}',
              ).catch(() => ''),
            ),
        );
        const stamps = healthy
          .flatMap((out) => out.split('\n').filter(Boolean))
          .map((n) => Number(BigInt(n) / 1_000_000n));
        expect(stamps.length).toBeGreaterThan(0);
        const healthyMs = Math.min(...stamps);
        expect(Date.parse(migrateSvc.CreatedAt)).toBeGreaterThanOrEqual(healthyMs);
        expect(Date.parse(api.CreatedAt)).toBeGreaterThanOrEqual(Date.parse(migrate!.Status.Timestamp));
      },
      T,
    );

    it(
      'ran the one-shot migration exactly once (its create already runs it; the start after must not rerun it)',
      async () => {
        expect((await tasks('migrate')).map((t) => t.Status.State)).toEqual(['complete']);
      },
      T,
    );

    it(
      "publishes no private port, and the database's password is a Swarm secret, never in the service spec",
      async () => {
        const db = await s.manager('service', 'inspect', service('db'));
        expect(db).not.toContain('canary-pg-7d1e93b2');
        expect(db).toContain('POSTGRES_PASSWORD_FILE=/run/secrets/');
        const spec = JSON.parse(db) as { Endpoint?: { Ports?: unknown[] } }[];
        expect(spec[0]!.Endpoint?.Ports ?? []).toEqual([]);
      },
      T,
    );

    it(
      'a second plan has no changes (exit 0 with --detailed-exitcode)',
      async () => {
        const plan = await s.pond(['plan', '--detailed-exitcode']);
        expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      },
      T,
    );

    it(
      'ps names the node every task runs on',
      async () => {
        const ps = await s.pond(['ps', '--format', 'json']);
        expect(ps.code, ps.stderr).toBe(0);
        const rows = (JSON.parse(ps.stdout) as { workloads: { workload: string; instances?: { node: string }[] }[] })
          .workloads;
        const api = rows.find((r) => r.workload === 'api');
        const nodes = await Promise.all((await running('api')).map((t) => hostname(t.NodeID)));
        expect(api?.instances?.map((i) => i.node).sort()).toEqual(nodes.sort());
      },
      T,
    );

    it(
      'an env change rolls the api in place: same service, next version, every task on the new env',
      async () => {
        await psql("create table kept (v text); insert into kept values ('before the update')");
        s.use('b');
        const up = await s.pond(['up']);
        expect(up.code, up.stderr).toBe(0);
        const api = await inspect<{
          ID: string;
          Version: { Index: number };
          Spec: { TaskTemplate: { ContainerSpec: { Env: string[] } } };
        }>('service', service('api'));
        expect(api.ID).toBe(apiId);
        expect(api.Version.Index).toBeGreaterThan(apiVersion);
        expect(api.Spec.TaskTemplate.ContainerSpec.Env).toContain('MODE=two');
        expect(await running('api')).toHaveLength(2);
      },
      T,
    );

    it(
      'the pinned database kept its data through its own update, on the same node',
      async () => {
        const db = await inspect<{
          Spec: { TaskTemplate: { Placement?: { Constraints?: string[] }; ContainerSpec: { Args?: string[] } } };
        }>('service', service('db'));
        expect(db.Spec.TaskTemplate.ContainerSpec.Args).toContain('work_mem=8MB');
        expect(db.Spec.TaskTemplate.Placement?.Constraints?.some((c) => c.startsWith('node.id=='))).toBe(true);
        expect(await eventually(() => psql('select v from kept'), { timeoutMs: 60_000 })).toBe('before the update');
      },
      T,
    );

    it(
      'a worker node lost: Swarm reschedules its api task, and the next plan has no changes',
      async () => {
        const dbNode = (await running('db'))[0]!.NodeID;
        const apiTasks = await running('api');
        const victim = apiTasks.map((t) => t.NodeID).find((n) => n !== dbNode);
        const name = await hostname(victim!);
        const number = Number(name.replace(/^\D+/, ''));
        if (number === 1) throw new Error('the api ran only on the manager and the db node: nothing to kill');
        const killedAt = Date.now();
        await cluster.killNode(number);
        try {
          await eventually(
            async () => {
              const now = await running('api');
              expect(now).toHaveLength(2);
              expect(now.some((t) => t.NodeID === victim)).toBe(false);
            },
            { timeoutMs: 120_000, intervalMs: 500 },
          );
          const plan = await eventually(
            async () => {
              const p = await s.pond(['plan', '--detailed-exitcode']);
              expect(p.code, p.stdout).toBe(0);
              return p;
            },
            { timeoutMs: 60_000, intervalMs: 1000 },
          );
          console.log(`swarm: node ${name} lost → plan converged in ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
          expect(plan.code).toBe(0);
        } finally {
          await cluster.startNode(number);
        }
      },
      T,
    );

    it(
      "port-forward reaches the api's private port from 127.0.0.1, and removes its tunnel on Ctrl-C",
      async () => {
        const child = s.start([
          'port-forward',
          'api',
          '8080',
          '--local-port',
          String(await freePort()),
          '--format',
          'json',
        ]);
        const first = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout!.on('data', (c: Buffer) => {
            out += c.toString();
            if (out.includes('\n')) resolve(out.split('\n')[0]!);
          });
          child.once('exit', (code) => reject(new Error(`port-forward exited ${code}`)));
        });
        const { local } = JSON.parse(first) as { local: string };
        const body = await eventually(async () => (await fetch(`http://${local}/`)).text(), { timeoutMs: 20_000 });
        expect(body.trim()).toBe('api from a shipped file');
        const tunnels = ['--filter', `label=dev.pond.project=${s.project}`, '--filter', 'label=dev.pond.tunnel'];
        expect(await s.manager('ps', '-q', ...tunnels)).not.toBe('');
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await exited;
        expect(await s.manager('ps', '-aq', ...tunnels)).toBe('');
      },
      T,
    );

    it(
      "a one-off run is a job on the swarm: its output comes back, its exit code is pond's, and nothing is left",
      async () => {
        const run = await s.pond(['run', '-T', 'migrate', 'sh', '-c', 'echo out-of-a-job; exit 3']);
        expect([run.code, run.stdout.trim()]).toEqual([3, 'out-of-a-job']);
        const left = await s.manager(
          'service',
          'ls',
          '--format',
          '{{.Name}}',
          '--filter',
          `label=dev.pond.project=${s.project}`,
        );
        expect(left.split('\n').sort()).toEqual([service('api'), service('db'), service('migrate')].sort());
      },
      T,
    );

    it(
      'down removes the services and the network, and keeps the volume',
      async () => {
        const down = await s.pond(['down']);
        expect(down.code, down.stderr).toBe(0);
        expect(await s.manager('service', 'ls', '-q', '--filter', `label=dev.pond.project=${s.project}`)).toBe('');
        expect(await s.manager('network', 'ls', '-q', '--filter', `label=dev.pond.project=${s.project}`)).toBe('');
        expect(
          await s.manager('config', 'ls', '--format', '{{.Name}}', '--filter', `label=dev.pond.project=${s.project}`),
        ).toBe(`${s.project}_db-data.pond-volume`);
      },
      T,
    );
  });
}
