import { describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('engine-choice');
/** An engine address nothing listens on: validate must not need one. */
const NO_ENGINE = { DOCKER_HOST: 'unix:///tmp/pond-cc-no-such-engine.sock' };

/** What the shared engine holds under the project's label. */
async function objectsOf(project: string): Promise<string[]> {
  const filter = `label=dev.pond.project=${project}`;
  const lists = await Promise.all([
    docker('ps', '-aq', '--filter', filter),
    docker('volume', 'ls', '-q', '--filter', filter),
    docker('network', 'ls', '-q', '--filter', filter),
  ]);
  return lists.flatMap((l) => l.split('\n').filter(Boolean));
}

describe('choosing the backend: --engine, POND_ENGINE, engine: (validate needs no engine)', () => {
  it("validate --engine swarm refuses another workload's network with exit 3 at file:line:col, no engine reachable", async () => {
    s.use();
    const run = await s.pond(['validate', '--engine', 'swarm'], NO_ENGINE);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /pond\.yaml:11:14 error\[backend-network-mode\]: workload offline: network: workload:web needs/,
    );
    expect(run.stderr).toContain('hint: write `network: default` or `network: none`, or use the docker backend');
  });

  it('the same project is valid on docker, the default', async () => {
    s.use();
    const run = await s.pond(['validate'], NO_ENGINE);
    expect(run.code, run.stderr).toBe(0);
  });

  it('engine: swarm in pond.yaml chooses the swarm row with no flag, and --engine docker wins over it', async () => {
    s.use('file-swarm');
    expect((await s.pond(['validate'], NO_ENGINE)).code).toBe(3);
    const flag = await s.pond(['validate', '--engine', 'docker'], { ...NO_ENGINE, POND_ENGINE: 'swarm' });
    expect(flag.code, flag.stderr).toBe(0);
  });

  it('an unknown POND_ENGINE is a usage error (exit 3) listing the known backends', async () => {
    s.use();
    const run = await s.pond(['validate'], { ...NO_ENGINE, POND_ENGINE: 'nope' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('unknown engine "nope" (from POND_ENGINE)');
    expect(run.stderr).toContain('use one of: docker, swarm');
  });

  it('an unknown --engine is a usage error (exit 3) listing the known backends, which completion offers', async () => {
    s.use();
    const run = await s.pond(['validate', '--engine', 'nope'], NO_ENGINE);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Allowed choices are docker, swarm');
    expect((await s.pond(['__complete', 'validate', '--engine', ''])).stdout.trim().split('\n')).toEqual([
      'docker',
      'swarm',
    ]);
  });

  it('validate of replicas: 3 on docker exits 3 at the replicas key', async () => {
    s.use('replicas');
    const run = await s.pond(['validate'], NO_ENGINE);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/pond\.yaml:9:15 error\[backend-replicas\]: workload web: replicas: 3 needs/);
    expect(run.stderr).toMatch(/pond\.yaml:\d+:\d+ error\[backend-placement\]/);
  });

  it('up of replicas: 3 on docker is refused before anything is created', async () => {
    s.use('replicas');
    const run = await s.pond(['up']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('error[backend-replicas]');
    expect(await objectsOf(s.project)).toEqual([]);
  });

  it('on swarm the same project is valid, and its private port is one warning naming pond port-forward', async () => {
    s.use('replicas');
    const run = await s.pond(['validate', '--engine', 'swarm'], NO_ENGINE);
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('warning['));
    expect(warnings).toEqual([
      expect.stringMatching(/^pond\.yaml:8:5 warning\[backend-private-ports\]: .*`pond port-forward` reaches them$/),
    ]);
  });
});
