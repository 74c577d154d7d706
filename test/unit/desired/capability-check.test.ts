import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityDiagnostics, refuseUnsupported } from '../../../src/desired/capability-check.js';
import { BACKEND_CAPABILITIES } from '../../../src/engine/capabilities.js';
import type { EngineCapabilities } from '../../../src/engine/types.js';
import { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';

const YAML = `version: 1
name: demo
workloads:
  web:
    image: busybox:1.35
    ports: ["8080:80"]
    volumes: ["./src:/app"]
  side:
    image: busybox:1.35
    network: none
`;

async function project(yaml = YAML) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-caps-'));
  await fs.mkdir(path.join(dir, 'src'));
  await fs.writeFile(path.join(dir, 'pond.yaml'), yaml);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}

const lacking = (...missing: (keyof EngineCapabilities)[]) => ({
  name: 'swarm',
  capabilities: { ...BACKEND_CAPABILITIES.docker, ...Object.fromEntries(missing.map((k) => [k, false])) },
});

describe('capability check: what pond.yaml asks of a backend that lacks it is refused at its key', () => {
  it('docker, the default backend, refuses nothing', async () => {
    const p = await project();
    expect(
      capabilityDiagnostics(p.spec, { name: 'docker', capabilities: BACKEND_CAPABILITIES.docker }, p.config),
    ).toEqual([]);
  });

  it('private ports without local port publishing: one warning at the first ports key naming `pond port-forward`, nothing refused', async () => {
    const p = await project();
    const [d, ...rest] = capabilityDiagnostics(p.spec, lacking('localPorts'), p.config);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'backend-private-ports',
      severity: 'warning',
      message: 'private ports (of web) are not published by the swarm backend: `pond port-forward` reaches them',
      hint: 'mark a port `public: true` to publish it on its node (host mode)',
      location: { line: 6, col: 5 },
    });
    expect(d?.location?.file).toMatch(/pond\.yaml$/);
  });

  it('registry: on a backend without a registry: one warning at the registry key, nothing refused', async () => {
    const p = await project(YAML.replace('name: demo\n', 'name: demo\nregistry: reg.local:5000\n'));
    const found = capabilityDiagnostics(
      p.spec,
      { name: 'docker', capabilities: BACKEND_CAPABILITIES.docker },
      p.config,
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'backend-registry',
        severity: 'warning',
        location: expect.objectContaining({ line: 3, col: 11 }),
      }),
    ]);
    expect(found[0]?.message).toBe(
      "registry: reg.local:5000 changes nothing on the docker backend: its containers run the engine's own images",
    );
  });

  it('registry: on the swarm backend is used, not warned about', async () => {
    const p = await project(YAML.replace('name: demo\n', 'name: demo\nregistry: reg.local:5000\n'));
    const found = capabilityDiagnostics(p.spec, { name: 'swarm', capabilities: BACKEND_CAPABILITIES.swarm }, p.config);
    expect(found.map((d) => d.code)).not.toContain('backend-registry');
  });

  it('a public port is published as it is: no warning without local port publishing', async () => {
    const p = await project(
      YAML.replace('ports: ["8080:80"]', 'ports: [{ target: 80, published: 8080, public: true }]'),
    );
    expect(capabilityDiagnostics(p.spec, lacking('localPorts'), p.config)).toEqual([]);
  });

  it('a host folder without bind mounts: an error at the volumes key', async () => {
    const p = await project();
    expect(capabilityDiagnostics(p.spec, lacking('bindMounts'), p.config)).toMatchObject([
      { code: 'backend-bind-mounts', location: { line: 7, col: 5 } },
    ]);
  });

  it('network: none where the backend has neither network modes nor an isolated network: an error at the network key', async () => {
    const p = await project();
    expect(capabilityDiagnostics(p.spec, lacking('networkModes', 'noNetwork'), p.config)).toMatchObject([
      {
        code: 'backend-network-mode',
        message: expect.stringMatching(/^workload side: network: none needs/),
        location: { line: 10, col: 14 },
      },
    ]);
  });

  it('network: none passes where the backend isolates a workload another way (Swarm: an internal overlay)', async () => {
    const p = await project();
    expect(capabilityDiagnostics(p.spec, lacking('networkModes'), p.config)).toEqual([]);
  });

  it("a query's output folder passes a backend without binds that hands run results back, and fails one that does not", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-caps-'));
    await fs.writeFile(
      path.join(dir, 'pond.yaml'),
      'version: 1\nname: q\nworkloads:\n  q:\n    kind: query\n    sql: select 1\n',
    );
    const p = await loadProject([path.join(dir, 'pond.yaml')], {});
    expect(capabilityDiagnostics(p.spec, lacking('bindMounts'), p.config)).toEqual([]);
    expect(capabilityDiagnostics(p.spec, lacking('bindMounts', 'runResults'), p.config)).toMatchObject([
      { code: 'backend-bind-mounts', message: expect.stringMatching(/\/out/) },
    ]);
  });

  it('every lacking capability is reported at once, and refuseUnsupported throws the errors as one ConfigError (exit 3)', async () => {
    const p = await project();
    const backend = lacking('localPorts', 'bindMounts', 'networkModes', 'noNetwork');
    expect(capabilityDiagnostics(p.spec, backend, p.config).map((d) => d.code)).toEqual([
      'backend-network-mode',
      'backend-bind-mounts',
      'backend-private-ports',
    ]);
    let thrown: unknown;
    try {
      refuseUnsupported(p.spec, backend, p.config);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).exitCode).toBe(3);
    expect((thrown as ConfigError).diagnostics.map((d) => d.severity)).toEqual(['error', 'error', 'warning']);
  });

  it('refuseUnsupported returns the warnings when nothing is refused', async () => {
    const p = await project();
    expect(refuseUnsupported(p.spec, lacking('localPorts'), p.config).map((d) => d.code)).toEqual([
      'backend-private-ports',
    ]);
  });
});
