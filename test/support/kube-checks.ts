import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import type { KubeObject } from '../../src/export/types.js';

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  CronJob,
  Job,
  Deployment,
  StatefulSet,
  NetworkPolicy,
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Secret,
  Service,
};

/** kubernetes-models' OpenAPI validation (structure and types); the problem, or undefined. */
export function schemaProblem(o: KubeObject): string | undefined {
  const Model = MODELS[o.kind];
  if (!Model) return `no model for ${o.kind}`;
  try {
    new Model(o as never).validate();
    return undefined;
  } catch (e) {
    return `${o.kind}/${o.metadata.name}: ${(e as Error).message}`;
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_KEYS = new Set(['port', 'containerPort', 'targetPort', 'hostPort']);

/**
 * What the schema validation lets through and the API server refuses: names that are not DNS-1123
 * labels (a Service's must also start with a letter, a CronJob's fit 52 characters), label values Kubernetes rejects, port numbers
 * outside 1–65535, port names over 15 characters, and fields Kubernetes does not know (for the
 * objects pond writes: see KNOWN).
 */
export function apiServerProblems(o: KubeObject): string[] {
  const at = `${o.kind}/${o.metadata.name}`;
  const problems: string[] = [];
  if (!DNS_LABEL.test(o.metadata.name) || o.metadata.name.length > 63) problems.push(`${at}: name not DNS-1123`);
  if (o.kind === 'Service' && !/^[a-z]/.test(o.metadata.name))
    problems.push(`${at}: Service name must start with a letter`);
  if (o.kind === 'CronJob' && o.metadata.name.length > 52) problems.push(`${at}: CronJob name over 52 characters`);
  if (o.metadata.namespace !== undefined && !DNS_LABEL.test(o.metadata.namespace))
    problems.push(`${at}: bad namespace`);
  walk(o, '', (path, key, value) => {
    if (PORT_KEYS.has(key) && typeof value === 'number' && (value < 1 || value > 65535 || !Number.isInteger(value)))
      problems.push(`${at}: ${path} = ${value} is not a port`);
    if (key === 'name' && /ports\/\d+$/.test(path.slice(0, path.lastIndexOf('/'))) && String(value).length > 15)
      problems.push(`${at}: port name ${String(value)} over 15 characters`);
    if (key === 'labels' && value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, string>))
        if (!LABEL_VALUE.test(v) || v.length > 63) problems.push(`${at}: label ${k}=${v} not a valid value`);
  });
  problems.push(...unknownFields(o).map((p) => `${at}: unknown field ${p}`));
  return problems;
}

function walk(value: unknown, path: string, visit: (path: string, key: string, value: unknown) => void): void {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    visit(`${path}/${k}`, k, v);
    walk(v, `${path}/${k}`, visit);
  }
}

/** The fields of the Kubernetes types pond writes, from the API reference (v1.30). */
const KNOWN: Record<string, string[]> = {
  container: [
    'name',
    'image',
    'command',
    'args',
    'workingDir',
    'env',
    'envFrom',
    'ports',
    'resources',
    'volumeMounts',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'lifecycle',
    'securityContext',
    'stdin',
    'tty',
    'imagePullPolicy',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'volumeDevices',
    'resizePolicy',
    'restartPolicy',
    'stdinOnce',
  ],
  pod: [
    'containers',
    'initContainers',
    'volumes',
    'restartPolicy',
    'terminationGracePeriodSeconds',
    'hostNetwork',
    'hostname',
    'hostAliases',
    'dnsPolicy',
    'dnsConfig',
    'securityContext',
    'serviceAccountName',
    'nodeSelector',
    'affinity',
    'tolerations',
    'activeDeadlineSeconds',
    'subdomain',
    'shareProcessNamespace',
    'enableServiceLinks',
  ],
  probe: [
    'exec',
    'httpGet',
    'tcpSocket',
    'grpc',
    'initialDelaySeconds',
    'periodSeconds',
    'timeoutSeconds',
    'failureThreshold',
    'successThreshold',
    'terminationGracePeriodSeconds',
  ],
  volumeMount: ['name', 'mountPath', 'readOnly', 'subPath', 'subPathExpr', 'mountPropagation', 'recursiveReadOnly'],
  volume: ['name', 'emptyDir', 'configMap', 'secret', 'persistentVolumeClaim', 'hostPath', 'projected'],
  metadata: ['name', 'namespace', 'labels', 'annotations', 'generateName'],
};

function unknownFields(o: KubeObject): string[] {
  const found: string[] = [];
  const check = (what: string, value: unknown, path: string): void => {
    if (!value || typeof value !== 'object') return;
    for (const k of Object.keys(value)) if (!KNOWN[what]!.includes(k)) found.push(`${path}.${k}`);
  };
  check('metadata', o.metadata, 'metadata');
  for (const [path, pod] of podSpecs(o)) {
    check('pod', pod, path);
    for (const v of (pod.volumes as unknown[] | undefined) ?? []) check('volume', v, `${path}.volumes[]`);
    for (const c of (pod.containers as Record<string, unknown>[] | undefined) ?? []) {
      check('container', c, `${path}.containers[]`);
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) check('probe', c[p], `${path}.${p}`);
      for (const m of (c.volumeMounts as unknown[] | undefined) ?? [])
        check('volumeMount', m, `${path}.volumeMounts[]`);
    }
  }
  return found;
}

function podSpecs(o: KubeObject): [string, Record<string, unknown>][] {
  type Template = { template?: { spec: Record<string, unknown> } };
  const spec = o.spec as (Template & { jobTemplate?: { spec: Template } }) | undefined;
  const cron = spec?.jobTemplate?.spec.template;
  if (cron) return [['spec.jobTemplate.spec.template.spec', cron.spec]];
  return spec?.template ? [['spec.template.spec', spec.template.spec]] : [];
}
