import { describe, expect, it } from 'vitest';
import { toJobSpec, toServiceSpec } from '../../../../src/engine/swarm/service-spec.js';
import { pondName } from '../../../../src/engine/swarm/service-name.js';
import { taskSpec } from '../../../support/task-spec.js';

const SEC = 1e9;
const base = taskSpec('demo', 'web', { command: ['serve', '--port', '80'], env: { B: '2', A: '1' } });

describe('a workload as a Swarm service', () => {
  it('sets the restart policy explicitly with a short delay (Swarm would restart forever)', () => {
    expect(toServiceSpec({ ...base, restart: 'no' }).TaskTemplate.RestartPolicy).toEqual({
      Condition: 'none',
      Delay: SEC,
      MaxAttempts: 0,
    });
    expect(toServiceSpec({ ...base, restart: 'unless-stopped' }).TaskTemplate.RestartPolicy.Condition).toBe('any');
    expect(toServiceSpec({ ...base, restart: 'on-failure' }).TaskTemplate.RestartPolicy.Condition).toBe('on-failure');
  });

  it("keeps command as the image's arguments and entrypoint as its command, env sorted, init on", () => {
    const c = toServiceSpec({ ...base, entrypoint: ['/bin/tini'] }).TaskTemplate.ContainerSpec;
    expect([c.Command, c.Args, c.Env, c.Init]).toEqual([
      ['/bin/tini'],
      ['serve', '--port', '80'],
      ['A=1', 'B=2'],
      true,
    ]);
  });

  it('publishes only public ports, in host mode; a private port is not published at all', () => {
    const spec = toServiceSpec({
      ...base,
      ports: [
        { container: 80, host: 8080, protocol: 'tcp', hostIp: '127.0.0.1' },
        { container: 443, host: 8443, protocol: 'tcp', hostIp: '0.0.0.0' },
      ],
    });
    expect(spec.EndpointSpec).toEqual({
      Mode: 'dnsrr',
      Ports: [{ Protocol: 'tcp', TargetPort: 443, PublishedPort: 8443, PublishMode: 'host' }],
    });
  });

  it('rolls updates start-first with rollback, but stop-first for a workload on a node-local volume', () => {
    const always = { ...base, restart: 'always' as const };
    expect(toServiceSpec(always).UpdateConfig).toMatchObject({ Order: 'start-first', FailureAction: 'rollback' });
    const db = toServiceSpec({
      ...always,
      mounts: [{ type: 'volume', source: 'demo_data', target: '/data', readOnly: false }],
    });
    expect(db.UpdateConfig?.Order).toBe('stop-first');
  });

  it("replaces a one-shot (restart: no) without Swarm's monitor, which would take its own end for a failure", () => {
    expect(toServiceSpec(base).UpdateConfig).toEqual({
      Parallelism: 1,
      Order: 'stop-first',
      FailureAction: 'continue',
    });
  });

  it('pins to the node of its volume, after the placement the user wrote, and labels the volume from its record', () => {
    const spec = toServiceSpec(
      {
        ...base,
        placement: ['node.labels.disk==ssd'],
        mounts: [{ type: 'volume', source: 'demo_data', target: '/data', readOnly: false }],
      },
      { pinnedNode: 'n1', volumeLabels: { demo_data: { 'dev.pond.project': 'demo' } } },
    );
    expect(spec.TaskTemplate.Placement).toEqual({ Constraints: ['node.labels.disk==ssd', 'node.id==n1'] });
    expect(spec.TaskTemplate.ContainerSpec.Mounts?.[0]?.VolumeOptions).toEqual({
      Labels: { 'dev.pond.project': 'demo' },
    });
  });

  it('turns http and tcp readiness into a health check run inside the task; a log probe into none', () => {
    const health = { intervalMs: 1000, timeoutMs: 2000, retries: 3, startPeriodMs: 0 };
    const http = toServiceSpec({ ...base, health: { ...health, probe: { http: { port: 80, path: '/up' } } } });
    expect(http.TaskTemplate.ContainerSpec.Healthcheck?.Test[0]).toBe('CMD-SHELL');
    expect(http.TaskTemplate.ContainerSpec.Healthcheck?.Test[1]).toContain('http://127.0.0.1:80/up');
    const tcp = toServiceSpec({ ...base, health: { ...health, probe: { tcp: { port: 5432 } } } });
    expect(tcp.TaskTemplate.ContainerSpec.Healthcheck?.Test[1]).toContain('/dev/tcp/127.0.0.1/5432');
    const log = toServiceSpec({ ...base, health: { ...health, probe: { log: 'ready' } } });
    expect(log.TaskTemplate.ContainerSpec.Healthcheck).toBeUndefined();
    const exec = toServiceSpec({ ...base, health: { ...health, probe: { exec: ['pg_isready'] } } });
    expect(exec.TaskTemplate.ContainerSpec.Healthcheck).toMatchObject({ Test: ['CMD', 'pg_isready'], Interval: SEC });
  });

  it('runs replicas as written, one by default; a run is a one-task job that is never restarted', () => {
    expect(toServiceSpec(base).Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(toServiceSpec({ ...base, replicas: 3 }).Mode).toEqual({ Replicated: { Replicas: 3 } });
    const job = toJobSpec({ ...base, restart: 'always' });
    expect([job.Mode, job.TaskTemplate.RestartPolicy.Condition]).toEqual([
      { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } },
      'none',
    ]);
  });
});

describe("a service's name on Swarm (at most 63 characters)", () => {
  const long = 'pond-e2e-swarm-query-5a438976-sales-run-20261201T184133144Z-bdc4';

  it('keeps a short name as it is, with no extra label', () => {
    const s = toServiceSpec(base);
    expect(s.Name).toBe(base.name);
    expect(s.Labels).not.toHaveProperty('dev.pond.name');
  });

  it("shortens a long one to 63 characters, distinct per name, and keeps pond's name in a label that observe reports", () => {
    const s = toServiceSpec({ ...base, name: long });
    expect(s.Name).toHaveLength(63);
    expect(s.Name.startsWith(long.slice(0, 54))).toBe(true);
    expect(toServiceSpec({ ...base, name: `${long}x` }).Name).not.toBe(s.Name);
    expect(pondName(s)).toBe(long);
  });
});
