import { describe, expect, it } from 'vitest';
import { apiServerProblems, schemaProblem } from '../../support/kube-checks.js';
import { tempProject } from '../../support/project.js';
import { containerIn, find, kubeOf } from './helpers.js';

const FILES = { 'bots/tick/main.py': 'print("tick")\n', 'q.sql': 'select 1;\n', 'www/index.html': '<p>hi</p>\n' };

const WORKLOADS = `
  db: { kind: database, engine: postgres, version: "15", storage: persistent }
  nightly: { kind: bot, runtime: python3.11, code: bots/tick, schedule: "0 3 * * *", concurrency: replace }
  ticker: { kind: bot, runtime: python3.11, code: bots/tick }
  sums: { kind: query, sql: q.sql, timeout: 45s }
  seed: { image: "busybox:1.35", command: ["true"] }
  web:
    image: busybox:1.35
    command: [httpd, -f, -p, "8080", -h, /www]
    volumes: ["./www:/www:ro"]
    ports: ["8080"]
    ready_when: { log: listening, http: { port: 8080, path: / } }
    depends_on: { db: healthy, seed: completed }
`;

describe('pond export --format kube, workload by workload', () => {
  const objects = async () => kubeOf(await (await tempProject(WORKLOADS, FILES)).load()).objects;

  it('every object of every kind passes the OpenAPI schema and the API server checks', async () => {
    const all = await objects();
    expect([...all.map(schemaProblem).filter(Boolean), ...all.flatMap(apiServerProblems)]).toEqual([]);
  });

  it('a persistent database is a StatefulSet claiming its volume through a volumeClaimTemplate', async () => {
    const db = find(await objects(), 'StatefulSet', 'db');
    const spec = db.spec as { volumeClaimTemplates: { metadata: { name: string } }[]; serviceName: string };
    expect(spec.volumeClaimTemplates.map((t) => t.metadata.name)).toEqual(['db-data']);
    expect(spec.serviceName).toBe('db');
  });

  it('a database is reachable by its workload name through a Service on its port', async () => {
    const svc = find(await objects(), 'Service', 'db');
    expect((svc.spec as { ports: { port: number }[] }).ports.map((p) => p.port)).toEqual([5432]);
  });

  it("a scheduled bot is a CronJob on its schedule, its concurrency as the CronJob's concurrencyPolicy", async () => {
    const cron = find(await objects(), 'CronJob', 'nightly').spec as Record<string, unknown>;
    expect([cron.schedule, cron.concurrencyPolicy]).toEqual(['0 3 * * *', 'Replace']);
  });

  it('a long-running bot is a Deployment', async () => {
    expect(find(await objects(), 'Deployment', 'ticker').kind).toBe('Deployment');
  });

  it('a query is a Job that never retries and is bounded by its timeout', async () => {
    const job = find(await objects(), 'Job', 'sums').spec as Record<string, unknown>;
    expect([job.backoffLimit, job.activeDeadlineSeconds]).toEqual([0, 45]);
  });

  it('a service another waits for with completed is a Job, not a Deployment', async () => {
    const all = await objects();
    expect(all.filter((o) => o.metadata.name === 'seed').map((o) => o.kind)).toEqual(['Job']);
  });

  it('depends_on is kept as an annotation, conditions included', async () => {
    const web = find(await objects(), 'Deployment', 'web');
    expect(web.metadata.annotations?.['dev.pond/depends-on']).toBe('db: healthy, seed: completed');
  });

  it('an http readiness check becomes startup, readiness and liveness probes of that check', async () => {
    const web = find(await objects(), 'Deployment', 'web');
    const c = containerIn(web);
    expect([c.startupProbe.httpGet, c.readinessProbe.httpGet, c.livenessProbe.httpGet]).toEqual(
      Array(3).fill({ path: '/', port: 8080 }),
    );
  });

  it('a log readiness condition, which Kubernetes cannot probe, is named in an annotation', async () => {
    const web = find(await objects(), 'Deployment', 'web');
    expect(web.metadata.annotations?.['dev.pond/not-exported']).toContain('log "listening"');
  });

  it('a read-only bind of project files travels as a ConfigMap mounted where the folder was', async () => {
    const all = await objects();
    expect(find(all, 'ConfigMap', 'web-files-0').data).toEqual({ 'index.html': '<p>hi</p>\n' });
    const c = containerIn(find(all, 'Deployment', 'web'));
    expect(c.volumeMounts).toEqual([{ name: 'm0', mountPath: '/www', readOnly: true }]);
  });

  it('memory becomes a limit and a request in binary units', async () => {
    const c = containerIn(find(await objects(), 'Deployment', 'ticker'));
    expect(c.resources).toEqual({ limits: { memory: '512Mi' }, requests: { memory: '512Mi' } });
  });

  it("a query's confinement is its container's securityContext", async () => {
    const job = find(await objects(), 'Job', 'sums').spec as {
      template: { spec: { containers: { securityContext: unknown }[] } };
    };
    expect(job.template.spec.containers[0]!.securityContext).toEqual({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it("a query's network: none is a NetworkPolicy that lets nothing in or out of its pod", async () => {
    const policy = find(await objects(), 'NetworkPolicy', 'sums-isolated').spec as Record<string, unknown>;
    expect(policy).toEqual({
      podSelector: { matchLabels: { 'dev.pond.project': 'demo', 'dev.pond.workload': 'sums' } },
      policyTypes: ['Ingress', 'Egress'],
    });
  });
});
