import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportProject } from '../../../src/export/index.js';
import { loadProject } from '../../../src/pipeline.js';
import { tempProject } from '../../support/project.js';

/** The service keys of the Compose specification that pond writes (a typo here would be a Compose error). */
const SERVICE_KEYS = new Set([
  'image',
  'entrypoint',
  'command',
  'environment',
  'ports',
  'volumes',
  'network_mode',
  'depends_on',
  'healthcheck',
  'restart',
  'profiles',
  'init',
  'user',
  'working_dir',
  'hostname',
  'extra_hosts',
  'dns',
  'shm_size',
  'ulimits',
  'stop_signal',
  'stop_grace_period',
  'read_only',
  'cap_drop',
  'security_opt',
  'pids_limit',
  'cpu_shares',
  'deploy',
  'labels',
]);
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

type Service = Record<string, unknown> & {
  ports?: { host_ip: string }[];
  depends_on?: Record<string, { condition: string }>;
};
const composeOf = (project: Awaited<ReturnType<typeof loadProject>>) =>
  exportProject(project, { format: 'compose', includeSecrets: false }).text;
const read = (text: string) =>
  parse(text, { version: '1.1' }) as { name: string; services: Record<string, Service>; volumes?: object };

describe('pond export --format compose', () => {
  const analytics = () => loadProject(['examples/analytics/pond.yaml'], {});

  it('writes one service per workload, each with only Compose service keys', async () => {
    const project = await analytics();
    const { services } = read(composeOf(project));
    expect(Object.keys(services).sort()).toEqual(project.spec.workloads.map((w) => w.name).sort());
    const unknown = Object.values(services).flatMap((s) => Object.keys(s).filter((k) => !SERVICE_KEYS.has(k)));
    expect(unknown).toEqual([]);
  });

  it('keeps depends_on with its conditions in Compose words', async () => {
    const { services } = read(composeOf(await analytics()));
    expect(services.ticker!.depends_on).toEqual({ warehouse: { condition: 'service_healthy' } });
    const all = Object.values(services).flatMap((s) => Object.values(s.depends_on ?? {}).map((d) => d.condition));
    expect(all.filter((c) => !CONDITIONS.has(c))).toEqual([]);
  });

  it('publishes every port on 127.0.0.1 unless the workload asked for public', async () => {
    const p = await tempProject(
      '  a: { image: "busybox:1.35", ports: ["8080"] }\n  b: { image: "busybox:1.35", ports: [{ target: 80, public: true }] }\n',
    );
    const { services } = read(composeOf(await p.load()));
    expect([services.a!.ports![0]!.host_ip, services.b!.ports![0]!.host_ip]).toEqual(['127.0.0.1', '0.0.0.0']);
  });

  it('doubles every literal $ so Compose passes it to the container unchanged', async () => {
    const { services } = read(composeOf(await analytics()));
    expect((services.ticker!.entrypoint as string[])[2]).toContain('"$$POND_CONFIG"');
  });

  it('quotes restart: "no", which YAML 1.1 readers would take for false', async () => {
    expect(read(composeOf(await analytics())).services.daily_sales!.restart).toBe('no');
  });

  it('is byte-identical on a second export', async () => {
    expect(composeOf(await analytics())).toBe(composeOf(await analytics()));
  });

  it.skipIf(!hasCompose())('passes docker compose config', async () => {
    const file = path.join(fs.mkdtempSync('/tmp/pond-export-'), 'compose.yaml');
    fs.writeFileSync(file, composeOf(await analytics()));
    execFileSync('docker', ['compose', '-f', file, '--project-directory', 'examples/analytics', 'config', '-q'], {
      env: { ...process.env, ...secretVariables() },
    });
  });
});

function hasCompose(): boolean {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function secretVariables(): Record<string, string> {
  const names = [
    'EXPLORE_JUPYTER_TOKEN',
    'SHOP_MYSQL_PASSWORD',
    'SHOP_MYSQL_ROOT_PASSWORD',
    'TICKER_WAREHOUSE_URL',
    'WAREHOUSE_POSTGRES_PASSWORD',
  ];
  return Object.fromEntries(names.map((n) => [n, 'x']));
}
