import { describe, expect, it } from 'vitest';
import schema from '../../../schema/pond.schema.json' with { type: 'json' };
import { REGISTRY_PATTERN } from '../../../src/session/registry-choice.js';
import { errorsOf, load, project } from './helpers.js';

const web = (extra: string) => `version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n${extra}`;

describe('schema: engine:, registry:, replicas: and placement: are checked where they are written', () => {
  it('accepts engine: swarm, a registry with port and prefix, replicas: 0 and placement constraints', async () => {
    const dir = await project({
      'pond.yaml': `version: 1\nengine: swarm\nregistry: registry.local:5000/team\nworkloads:\n  web:\n    image: busybox:1.35\n    replicas: 0\n    placement:\n      constraints: ["node.labels.pond.node==1"]\n`,
    });
    await expect(load(dir)).resolves.toBeDefined();
  });

  it('an unknown engine is refused at its value, listing the known ones', async () => {
    expect(await errorsOf('version: 1\nengine: nomad\nworkloads: {}\n')).toEqual([
      'pond.yaml:2:9 error[enum]: engine must be one of docker or swarm, not "nomad"',
    ]);
  });

  it('a registry that is not host[:port][/prefix] is refused with an example', async () => {
    const [e, ...rest] = await errorsOf('version: 1\nregistry: "https://Registry.local"\nworkloads: {}\n');
    expect(rest).toEqual([]);
    expect(e).toMatch(
      /^pond\.yaml:2:11 error\[pattern\]: registry must be a registry address such as "registry\.local:5000"/,
    );
  });

  it('replicas must be a whole number of at least 0', async () => {
    expect(await errorsOf(web('    replicas: -1\n'))).toEqual([
      'pond.yaml:5:15 error[range]: replicas in workload "web" must be at least 0, not the number -1',
    ]);
    expect(await errorsOf(web('    replicas: 1.5\n'))).toEqual([
      expect.stringMatching(/^pond\.yaml:5:15 error\[type\]: replicas in workload "web" must be an integer/),
    ]);
  });

  it('placement is a mapping with constraints, as in compose deploy.placement: a bare list is refused', async () => {
    expect(await errorsOf(web('    placement: ["node.role==manager"]\n'))).toEqual([
      'pond.yaml:5:5 error[type]: placement in workload "web" must be a mapping, not a list',
    ]);
  });

  it("the --registry pattern is the schema's, so the flag and the key accept the same addresses", () => {
    expect(REGISTRY_PATTERN).toBe(schema.properties.registry.pattern);
  });
});
