import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { createSwarmEngine } from '../../src/engine/swarm/index.js';
import { BUSYBOX_COMMANDS } from '../conformance/busybox-fixture.js';
import { describeEngineConformance } from '../conformance/engine-suite.js';
import { uniqueProject } from './helpers/docker.js';
import { swarmCluster, swarmSkipReason, takeTurnOnSwarm } from '../support/swarm.js';

const run = promisify(execFile);
const cluster = await swarmCluster();
const project = uniqueProject('hb-swarm-conformance');

/** The docker CLI against the swarm's manager: the witness, independent of pond's own client. */
async function onManager(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: cluster!.dockerHost } });
  return stdout.trim();
}

if (!cluster) {
  describe('engine conformance: swarm', () => {
    it.skip(`skipped: ${swarmSkipReason()}`, () => undefined);
  });
} else {
  takeTurnOnSwarm();
  describeEngineConformance(
    'swarm',
    () => createSwarmEngine({ env: { ...process.env, DOCKER_HOST: cluster.dockerHost } }),
    {
      project,
      ...BUSYBOX_COMMANDS,
      startsOnCreate: true,
      killExitCode: 3,
      witness: {
        container: async (name) => {
          const out = await onManager('service', 'inspect', '--format', '{{.ID}} {{json .Spec.Labels}}', name).catch(
            () => undefined,
          );
          if (!out) return undefined;
          const at = out.indexOf(' ');
          return { id: out.slice(0, at), labels: JSON.parse(out.slice(at + 1)) as Record<string, string> };
        },
        volumeExists: (name) =>
          onManager('config', 'inspect', `${name}.pond-volume`).then(
            () => true,
            () => false,
          ),
      },
      cleanup: async () => {
        const ids = (await onManager('service', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`))
          .split('\n')
          .filter(Boolean);
        if (ids.length) await onManager('service', 'rm', ...ids);
        const configs = (await onManager('config', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`))
          .split('\n')
          .filter(Boolean);
        if (configs.length) await onManager('config', 'rm', ...configs);
        await onManager('network', 'rm', `${project}_default`).catch(() => undefined);
      },
    },
  );
}
