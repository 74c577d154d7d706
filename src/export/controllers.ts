import type { WorkloadSpec } from '../model/types.js';
import { metaOf, object, selectorOf, type Owner } from './meta.js';
import type { Pod } from './pod.js';
import { seconds } from './quantities.js';
import type { KubeMeta, KubeObject } from './types.js';

/** How a workload runs in the cluster, decided by its kind (and, for a service, by who waits for it). */
export type Controller = 'StatefulSet' | 'Deployment' | 'Job' | 'CronJob';

/**
 * A database keeps its data per replica (StatefulSet); a query and a service others wait to see
 * `completed` run once (Job); a scheduled bot runs on its schedule (CronJob); everything else stays up
 * (Deployment).
 */
export function controllerOf(w: WorkloadSpec, awaitedToComplete: boolean): Controller {
  if (w.kind === 'database') return 'StatefulSet';
  if (w.kind === 'query' || awaitedToComplete) return 'Job';
  if (w.bot?.schedule) return 'CronJob';
  return 'Deployment';
}

const CONCURRENCY = { forbid: 'Forbid', allow: 'Allow', replace: 'Replace' } as const;
const STORAGE_REQUEST = '1Gi';

/** The controller object around a workload's pod. */
export function controllerObject(
  kind: Controller,
  w: WorkloadSpec,
  pod: Pod,
  meta: KubeMeta,
  owner: Owner,
): KubeObject {
  const template = { metadata: { labels: meta.labels }, spec: pod.spec };
  const selector = { matchLabels: selectorOf(owner) };
  if (kind === 'StatefulSet') {
    const claims = pod.mounts.claims.map((c) => ({
      metadata: { name: c, labels: meta.labels },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: STORAGE_REQUEST } } },
    }));
    return object('apps/v1', 'StatefulSet', meta, {
      spec: {
        serviceName: meta.name,
        replicas: 1,
        selector,
        template,
        ...(claims.length && { volumeClaimTemplates: claims }),
      },
    });
  }
  if (kind === 'Deployment') {
    const recreate = pod.mounts.claims.length > 0;
    return object('apps/v1', 'Deployment', meta, {
      spec: { replicas: 1, selector, ...(recreate && { strategy: { type: 'Recreate' } }), template },
    });
  }
  const job = jobSpec(w, template);
  if (kind === 'Job') return object('batch/v1', 'Job', meta, { spec: job });
  return object('batch/v1', 'CronJob', meta, {
    spec: {
      schedule: w.bot!.schedule,
      concurrencyPolicy: CONCURRENCY[w.bot!.concurrency],
      successfulJobsHistoryLimit: w.bot!.history,
      failedJobsHistoryLimit: w.bot!.history,
      jobTemplate: { metadata: { labels: meta.labels }, spec: job },
    },
  });
}

/** A run: never restarted in place unless pond would (`restart: on-failure`), a query bounded by its timeout. */
function jobSpec(w: WorkloadSpec, template: { metadata: unknown; spec: Record<string, unknown> }) {
  const retry = w.restart === 'on-failure';
  return {
    backoffLimit: retry ? 6 : 0,
    ...(w.query && { activeDeadlineSeconds: seconds(w.query.timeoutMs) }),
    template: { ...template, spec: { ...template.spec, restartPolicy: retry ? 'OnFailure' : 'Never' } },
  };
}

/**
 * A workload's ports as a Service named like the workload, so the others reach it by the name they use
 * in pond (a StatefulSet also names it as its serviceName); a public port makes it a LoadBalancer.
 */
export function serviceOf(w: WorkloadSpec, pod: Pod, meta: KubeMeta, owner: Owner): KubeObject | undefined {
  const ports = (pod.spec.containers as { ports?: { containerPort: number; protocol: string }[] }[])[0]!.ports;
  if (!ports?.length || w.network === 'none') return undefined;
  const isPublic = w.ports.some((p) => p.hostIp !== '127.0.0.1');
  return object('v1', 'Service', metaOf(meta.name, owner), {
    spec: {
      ...(isPublic && { type: 'LoadBalancer' }),
      selector: selectorOf(owner),
      ports: ports.map((p) => ({
        name: `${p.protocol.toLowerCase()}-${p.containerPort}`,
        port: p.containerPort,
        targetPort: p.containerPort,
        protocol: p.protocol,
      })),
    },
  });
}

/**
 * Whether one of the objects is a LoadBalancer Service with both TCP and UDP ports: valid since Kubernetes
 * 1.26 (MixedProtocolLBService), refused by older API servers, so the export warns rather than splits it.
 */
export function mixesProtocolsBehindBalancer(objects: KubeObject[]): boolean {
  return objects.some((o) => {
    const spec = o.spec as { type?: string; ports?: { protocol: string }[] } | undefined;
    return (
      o.kind === 'Service' && spec?.type === 'LoadBalancer' && new Set(spec.ports?.map((p) => p.protocol)).size > 1
    );
  });
}
