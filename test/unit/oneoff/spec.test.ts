import { describe, expect, it } from 'vitest';
import { LABEL } from '../../../src/labels.js';
import type { DesiredContainer } from '../../../src/desired/types.js';
import type { TaskSpec } from '../../../src/engine/types.js';
import { UsageError } from '../../../src/errors.js';
import { oneOffSpec, refuseOneOff, withOverrides, type OneOffOptions } from '../../../src/oneoff/spec.js';

const spec: TaskSpec = {
  name: 'p-web',
  image: 'busybox:1.35',
  command: ['httpd', '-f'],
  env: { MODE: 'dev' },
  ports: [{ container: 8080, host: 18080, protocol: 'tcp', hostIp: '127.0.0.1' }],
  mounts: [{ type: 'volume', source: 'p_cache', target: '/cache', readOnly: false }],
  resources: { memoryBytes: 64 << 20 },
  network: 'p_default',
  aliases: ['web'],
  health: { probe: { exec: ['true'] }, intervalMs: 1000, timeoutMs: 1000, retries: 3, startPeriodMs: 0 },
  restart: 'unless-stopped',
  init: true,
  stopTimeoutSec: 10,
  labels: { [LABEL.project]: 'p', [LABEL.workload]: 'web' },
};
const web: DesiredContainer = { workload: 'web', spec, hash: 'h', display: {}, dependsOn: {}, risks: [] };
const db: DesiredContainer = {
  ...web,
  workload: 'db',
  spec: {
    ...spec,
    name: 'p-db',
    mounts: [
      { type: 'volume', source: 'p_db-data', target: '/var/lib/postgresql/data', readOnly: false },
      ...spec.mounts,
    ],
  },
  data: { persistent: true, fsync: true, tmpfs: false },
  initOnly: { env: ['POSTGRES_PASSWORD'], volume: 'p_db-data' },
};
const none: OneOffOptions = { env: {}, servicePorts: false, keep: false };

describe("the one-off spec built from a workload's desired one", () => {
  it('is named and labelled as a run of the workload, owned by this pond process', () => {
    const s = oneOffSpec(web, 'a1b2c3', none, 'host/42');
    expect(s.name).toBe('p-web-run-a1b2c3');
    expect(s.labels).toEqual({ ...spec.labels, [LABEL.run]: 'a1b2c3', [LABEL.owner]: 'host/42' });
  });

  it('publishes no port unless --service-ports', () => {
    expect(oneOffSpec(web, 'x', none, 'o').ports).toEqual([]);
    expect(oneOffSpec(web, 'x', { ...none, servicePorts: true }, 'o').ports).toEqual(spec.ports);
  });

  it('never restarts, has no health check and takes no network alias from the standing container', () => {
    const s = oneOffSpec(web, 'x', none, 'o');
    expect([s.restart, s.health, s.aliases, s.network]).toEqual(['no', undefined, [], 'p_default']);
  });

  it('kept with --no-rm, carries no owner tag, so the next up does not remove it as abandoned', () => {
    expect(oneOffSpec(web, 'x', { ...none, keep: true }, 'o').labels[LABEL.owner]).toBeUndefined();
  });

  it("keeps the workload's limits and volumes", () => {
    const s = oneOffSpec(web, 'x', none, 'o');
    expect([s.resources, s.mounts, s.image]).toEqual([spec.resources, spec.mounts, spec.image]);
  });

  it('of a database never mounts its persistent data volume, but keeps its other volumes', () => {
    const s = oneOffSpec(db, 'x', { ...none, command: ['psql', '-h', 'db'] }, 'o');
    expect(s.mounts.map((m) => m.target)).toEqual(['/cache']);
  });
});

describe('refusing a one-off', () => {
  it('of a database without a command, hinting at pond up', () => {
    expect(() => refuseOneOff(db, none)).toThrow(UsageError);
    expect(() => refuseOneOff(db, none)).toThrow(/second server/);
    try {
      refuseOneOff(db, none);
    } catch (e) {
      expect((e as UsageError).hint).toMatch(/pond up db/);
    }
  });

  it('not of a database with a client command, nor of any other workload', () => {
    expect(() => refuseOneOff(db, { ...none, command: ['psql'] })).not.toThrow();
    expect(() => refuseOneOff(web, none)).not.toThrow();
  });
});

describe('overrides', () => {
  it("replace command, user and working dir and merge env over the workload's", () => {
    const s = withOverrides(spec, {
      command: ['sh', '-c', 'exit 3'],
      env: { A: '1', MODE: 'x' },
      user: '1000',
      workingDir: '/tmp',
    });
    expect([s.command, s.env, s.user, s.workingDir, s.entrypoint]).toEqual([
      ['sh', '-c', 'exit 3'],
      { MODE: 'x', A: '1' },
      '1000',
      '/tmp',
      undefined,
    ]);
  });

  it("--entrypoint '' clears the image's entrypoint the way the engine spells it", () => {
    expect(withOverrides(spec, { entrypoint: [], env: {} }).entrypoint).toEqual(['']);
  });

  it('none leave the spec as it was', () => {
    expect(withOverrides(spec, { env: {} })).toEqual(spec);
  });
});
