import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swarmCluster, swarmSkipReason, takeTurnOnSwarm } from '../support/swarm.js';
import { docker, eventually, uniqueProject } from './helpers/docker.js';

// The cluster scripts/swarm.sh builds, as the Swarm backend's live tests will find it.
const cluster = await swarmCluster();
if (!cluster) console.log(`swarm-cluster: skipped: ${swarmSkipReason()}`);
else takeTurnOnSwarm();

const host = cluster?.dockerHost ?? '';
const manager = (...args: string[]) => docker('-H', host, ...args);
const service = uniqueProject('pond-swarm-it');

async function nodeIds(): Promise<string[]> {
  return (await manager('node', 'ls', '-q')).split('\n').filter(Boolean);
}

describe.skipIf(!cluster)('the local 3-node swarm (scripts/swarm.sh)', () => {
  beforeAll(async () => {
    await manager(
      ...['service', 'create', '--detach', '--no-resolve-image', '--endpoint-mode', 'dnsrr'],
      ...['--replicas', '3', '--name', service, '--label', `dev.pond.project=${service}`],
      ...['busybox:1.35', 'sleep', '600'],
    );
  });

  afterAll(async () => {
    await manager('service', 'rm', service).catch(() => undefined);
  });

  it('has 3 Ready nodes with distinct hostnames', async () => {
    const rows = (await manager('node', 'ls', '--format', '{{.Status}} {{.Hostname}}')).split('\n');
    const ready = rows.filter((r) => r.startsWith('Ready ')).map((r) => r.split(' ')[1]);
    expect(ready).toHaveLength(3);
    expect(new Set(ready).size).toBe(3);
  });

  it('labels its nodes pond.node=1..3', async () => {
    const labels = await manager(
      'node',
      'inspect',
      '--format',
      '{{index .Spec.Labels "pond.node"}}',
      ...(await nodeIds()),
    );
    expect(labels.split('\n').sort()).toEqual(['1', '2', '3']);
  });

  it('runs the 3 tasks of a dnsrr service on 3 distinct nodes', async () => {
    const running = await eventually(
      async () => {
        const rows = (
          await manager(
            'service',
            'ps',
            '--filter',
            'desired-state=running',
            '--format',
            '{{.Node}} {{.CurrentState}}',
            service,
          )
        ).split('\n');
        const nodes = rows.filter((r) => r.split(' ')[1] === 'Running').map((r) => r.split(' ')[0]);
        if (nodes.length !== 3) throw new Error(`running tasks: ${rows.join('; ')}`);
        return nodes;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(new Set(running).size).toBe(3);
  });
});
