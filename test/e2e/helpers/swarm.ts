import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { swarmCluster, takeTurnOnSwarm, type SwarmCluster } from '../../support/swarm.js';
import { scenario, type Scenario, type ScenarioOptions } from './scenario.js';

const run = promisify(execFile);

/** The docker CLI against one engine of the swarm: the manager, or node N's own engine (exec, volumes). */
export async function dockerAt(host: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: host }, maxBuffer: 16 << 20 });
  return stdout.trim();
}

/** Node N's own engine (scripts/swarm.sh gives each node a socket under /run/pond-swarm/N). */
export const nodeSocket = (hostname: string): string =>
  `unix:///run/pond-swarm/${hostname.replace(/^\D+/, '')}/docker.sock`;

export interface SwarmScenario extends Scenario {
  cluster: SwarmCluster;
  /** The docker CLI on the manager. */
  manager(...args: string[]): Promise<string>;
}

/**
 * A scenario whose pond runs `--engine swarm` against the local 3-node swarm (POND_ENGINE and
 * DOCKER_HOST in its env), cleaned up on the swarm by label: services, secrets, volume records,
 * networks, tunnels on the manager and the data volumes on every node.
 */
export function swarmScenario(cluster: SwarmCluster, name: string, opts: ScenarioOptions = {}): SwarmScenario {
  takeTurnOnSwarm();
  const s = scenario(name, { ...opts, env: { ...opts.env, POND_ENGINE: 'swarm', DOCKER_HOST: cluster.dockerHost } });
  const manager = (...args: string[]) => dockerAt(cluster.dockerHost, ...args);
  afterAll(() => cleanupOnSwarm(cluster, s.project), 120_000);
  return Object.assign(s, { cluster, manager });
}

async function cleanupOnSwarm(cluster: SwarmCluster, project: string): Promise<void> {
  const label = `label=dev.pond.project=${project}`;
  const m = (...args: string[]) => dockerAt(cluster.dockerHost, ...args).catch(() => '');
  const ids = async (...args: string[]) => (await m(...args)).split('\n').filter(Boolean);
  const services = await ids('service', 'ls', '-q', '--filter', label);
  if (services.length) await m('service', 'rm', ...services);
  const tunnels = await ids('ps', '-aq', '--filter', label);
  if (tunnels.length) await m('rm', '-f', ...tunnels);
  for (let i = 0; i < 20; i++) {
    const left = [
      ...(await ids('secret', 'ls', '-q', '--filter', label)).map((id) => ['secret', id]),
      ...(await ids('config', 'ls', '-q', '--filter', label)).map((id) => ['config', id]),
      ...(await ids('network', 'ls', '-q', '--filter', label)).map((id) => ['network', id]),
    ];
    if (left.length === 0) break;
    for (const [kind, id] of left) await m(kind!, 'rm', id!);
    await new Promise((r) => setTimeout(r, 500));
  }
  await Promise.all(
    cluster.nodes.map(async (node) => {
      const host = nodeSocket(node);
      const vols = (await dockerAt(host, 'volume', 'ls', '-q', '--filter', label).catch(() => ''))
        .split('\n')
        .filter(Boolean);
      for (let i = 0; i < 20 && vols.length; i++) {
        const ok = await dockerAt(host, 'volume', 'rm', ...vols).then(
          () => true,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    }),
  );
}

/** host:port of the test swarm's registry when it answers, else why not. */
export async function swarmRegistry(): Promise<{ addr?: string; why: string }> {
  const script = path.join(import.meta.dirname, '../../../scripts/swarm.sh');
  const { stdout } = await run('bash', [script, 'env']).catch(() => ({ stdout: '' }));
  const addr = /^POND_SWARM_REGISTRY=(\S+)$/m.exec(stdout)?.[1];
  if (!addr) return { why: 'scripts/swarm.sh env names no registry' };
  const ok = await fetch(`http://${addr}/v2/`, { signal: AbortSignal.timeout(3_000) }).then(
    (r) => r.ok,
    () => false,
  );
  return ok ? { addr, why: '' } : { why: `no registry answers at ${addr} (run: bash scripts/swarm.sh up)` };
}

export { swarmCluster };
