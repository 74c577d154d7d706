import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';
import { tempDir } from '../../support/temp-dir.js';

async function load(yaml: string, env: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const dir = tempDir('pond-model-');
  await fs.writeFile(path.join(dir, 'pond.yaml'), yaml);
  for (const [f, t] of Object.entries(extra)) await fs.writeFile(path.join(dir, f), t);
  return { dir, project: await loadProject([path.join(dir, 'pond.yaml')], env) };
}

async function problems(yaml: string): Promise<string[]> {
  try {
    await load(yaml);
  } catch (e) {
    return (e as ConfigError).diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('normalizeProject', () => {
  it('expands short forms and applies defaults', async () => {
    const { dir, project } = await load(
      `version: 1
name: demo
workloads:
  web:
    image: busybox:1.35
    command: httpd -f
    env: [MODE=dev, DB_PASSWORD=x]
    env_file: web.env
    ports: ["8080", "9000:80", "127.0.0.1:5353:53/udp", { target: 443, published: 8443, public: true }]
    volumes: ["data:/data", "./site:/www:ro", { type: tmpfs, target: /tmp, tmpfs: { size: 64m } }]
    resources: { memory: 256m, cpus: "0.5" }
    health: { exec: "wget -q -O- localhost:8080", interval: 1m30s, retries: 5 }
volumes:
  data:
`,
      {},
      { 'web.env': '# comment\nFROM_FILE=1\nMODE=overridden-by-env\n' },
    );
    const web = project.spec.workloads[0]!;
    expect(web.command).toEqual(['sh', '-c', 'httpd -f']);
    expect(web.env).toEqual({ FROM_FILE: '1', MODE: 'dev', DB_PASSWORD: 'x' });
    expect(web.sensitive).toEqual(['DB_PASSWORD']);
    expect(web.ports).toEqual([
      { container: 8080, host: undefined, protocol: 'tcp', hostIp: '127.0.0.1' },
      { container: 80, host: 9000, protocol: 'tcp', hostIp: '127.0.0.1' },
      { container: 53, host: 5353, protocol: 'udp', hostIp: '127.0.0.1' },
      { container: 443, host: 8443, protocol: 'tcp', hostIp: '0.0.0.0' },
    ]);
    expect(web.mounts).toEqual([
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'bind', source: path.join(dir, 'site'), target: '/www', readOnly: true },
      { type: 'tmpfs', target: '/tmp', sizeBytes: 64 * 1024 * 1024 },
    ]);
    expect(web.resources).toEqual({ memoryBytes: 256 * 1024 * 1024, cpus: 0.5 });
    expect(web.health).toEqual({
      probe: { exec: ['sh', '-c', 'wget -q -O- localhost:8080'] },
      intervalMs: 90_000,
      timeoutMs: 5000,
      retries: 5,
      startPeriodMs: 0,
    });
    expect(web.restart).toBe('no');
    expect(web.init).toBe(true);
  });

  it('an env_file expands ${VAR} from the process environment and its own keys above, like .env', async () => {
    const yaml = 'version: 1\nworkloads:\n  web: { image: busybox:1.35, env_file: web.env }\n';
    const { project } = await load(
      yaml,
      { REGION: 'eu' },
      { 'web.env': 'HOST=db\nURL="pg://${HOST}/${REGION}"\nTIER=${TIER:-small}\n' },
    );
    expect(project.spec.workloads[0]!.env).toEqual({ HOST: 'db', URL: 'pg://db/eu', TIER: 'small' });
  });

  it('refuses unsafe and undeclared things at their line', async () => {
    const found = await problems(`version: 1
workloads:
  web:
    image: busybox:1.35
    network: host
    ports: ["0.0.0.0:80:80"]
    volumes:
      - /etc:/host-etc
      - /var/run/docker.sock:/var/run/docker.sock
      - cache:/cache
`);
    expect(found).toHaveLength(5);
    expect(found[0]).toBe('5:14 unsafe: host networking bypasses port publishing and isolation');
    expect(found[1]).toBe('6:13 public-port: port "0.0.0.0:80:80" binds 0.0.0.0, which exposes it beyond this machine');
    expect(found[2]).toMatch(/^8:9 unsafe: bind mount "\/etc" is outside the project folder \//);
    expect(found[3]).toBe('9:9 unsafe: mounting the Docker socket gives the container control of the host');
    expect(found[4]).toBe('10:9 undeclared-volume: volume "cache" is not declared');
  });

  it('refuses a host port published twice', async () => {
    const found = await problems(
      'version: 1\nworkloads:\n  a:\n    image: busybox:1.35\n    ports: ["8080:80"]\n  b:\n    image: busybox:1.35\n    ports: ["8080:81", "9000:90/udp", "9000:90"]\n',
    );
    expect(found).toEqual(['8:5 port-conflict: host port 8080/tcp is published twice (by "a" and "b")']);
  });

  it('accepts what the opt-ins allow', async () => {
    const { project } = await load(`version: 1
workloads:
  web:
    image: busybox:1.35
    network: host
    unsafe: [host-network, outside-project]
    volumes: ["/etc:/host-etc:ro"]
`);
    expect(project.spec.workloads[0]!.network).toBe('host');
  });

  it('names the project after the folder when the file does not', async () => {
    const { dir, project } = await load('version: 1\nworkloads:\n  a: { image: busybox:1.35 }\n');
    expect(project.spec.name).toBe(
      path
        .basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, ''),
    );
  });
});

describe('bind mounts follow symlinks', () => {
  it('judges a symlink by where it points, and a folder holding the Docker socket as the socket', async () => {
    const dir = tempDir('pond-link-');
    await fs.symlink('/', path.join(dir, 'root-link'));
    await fs.mkdir(path.join(dir, 'run'));
    await fs.writeFile(path.join(dir, 'run', 'docker.sock'), '');
    await fs.writeFile(
      path.join(dir, 'pond.yaml'),
      'version: 1\nworkloads:\n  a:\n    image: busybox:1.35\n    volumes: ["./root-link:/host", "./run:/run-host"]\n',
    );
    const error = (await loadProject([path.join(dir, 'pond.yaml')], {}).catch((e: unknown) => e)) as ConfigError;
    expect(error.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^bind mount "\.\/root-link" is outside the project folder/),
      'mounting the Docker socket gives the container control of the host',
    ]);
  });
});
