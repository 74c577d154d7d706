import { beforeAll, expect, it } from 'vitest';
import { BACKEND_CAPABILITIES } from '../../src/engine/capabilities.js';
import { createDockerEngine } from '../../src/engine/docker/index.js';
import { BUSYBOX_COMMANDS } from '../conformance/busybox-fixture.js';
import { describeEngineConformance } from '../conformance/engine-suite.js';
import { cleanupProject, docker, uniqueProject, waitForImage } from './helpers/docker.js';

const IMAGE = 'busybox:1.35';
const project = uniqueProject('hb-conformance');

beforeAll(() => waitForImage(IMAGE), 130_000);

describeEngineConformance('docker', () => createDockerEngine({ env: process.env }), {
  project,
  ...BUSYBOX_COMMANDS,
  witness: {
    container: async (name) => {
      const out = await docker('inspect', '--format', '{{.Id}} {{json .Config.Labels}}', name).catch(() => undefined);
      if (!out) return undefined;
      const at = out.indexOf(' ');
      return { id: out.slice(0, at), labels: JSON.parse(out.slice(at + 1)) as Record<string, string> };
    },
    volumeExists: (name) =>
      docker('volume', 'inspect', name).then(
        () => true,
        () => false,
      ),
  },
  cleanup: () => cleanupProject(project),
});

it("docker's declared capabilities are its row of the static table, so validate and the engine agree", () => {
  expect(createDockerEngine({ env: process.env }).capabilities).toEqual(BACKEND_CAPABILITIES.docker);
});
