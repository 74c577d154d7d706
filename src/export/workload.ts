import type { TaskSpec } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import { secretName } from './container.js';
import { controllerObject, controllerOf, serviceOf } from './controllers.js';
import { metaOf, object, selectorOf, type Owner } from './meta.js';
import { podOf } from './pod.js';
import type { SplitEnv } from './secret-env.js';
import { NOTE, type KubeObject } from './types.js';

/** Everything one workload's objects are built from. */
export interface WorkloadInput {
  w: WorkloadSpec;
  task: TaskSpec;
  /** Its Kubernetes name (names.ts). */
  name: string;
  owner: Owner;
  env: SplitEnv;
  projectDir: string;
  awaitedToComplete: boolean;
  includeSecrets: boolean;
}

/** One workload's objects (ConfigMaps, Secret, Service, controller, NetworkPolicy) and what did not carry over. */
export function workloadObjects(input: WorkloadInput): { objects: KubeObject[]; lost: string[]; claims: string[] } {
  const { w, name, owner, env } = input;
  const controller = controllerOf(w, input.awaitedToComplete);
  const pod = podOf({ ...input, run: controller === 'Job' || controller === 'CronJob' });
  const annotations = {
    ...(Object.keys(w.dependsOn).length && { [NOTE.dependsOn]: dependsOnText(w.dependsOn) }),
    ...(pod.lost.length && { [NOTE.notExported]: pod.lost.join('; ') }),
    ...(env.secret.length && !input.includeSecrets && { [NOTE.secret]: createSecretCommand(name, owner, env) }),
  };
  const meta = metaOf(name, owner, annotations);
  const objects: KubeObject[] = pod.mounts.configMaps.map((c) =>
    object('v1', 'ConfigMap', metaOf(c.name, owner, { [NOTE.source]: c.source }), {
      ...(Object.keys(c.data).length && { data: c.data }),
      ...(Object.keys(c.binaryData).length && { binaryData: c.binaryData }),
    }),
  );
  if (env.secret.length && input.includeSecrets) objects.push(secretObject(name, owner, env));
  const service = serviceOf(w, pod, meta, owner);
  if (service) objects.push(service);
  objects.push(controllerObject(controller, w, pod, meta, owner));
  if (w.network === 'none') objects.push(isolation(name, owner));
  return { objects, lost: pod.lost, claims: pod.mounts.claims };
}

function dependsOnText(deps: Record<string, string>): string {
  return Object.entries(deps)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([d, c]) => `${d}: ${c}`)
    .join(', ');
}

/** How to create the Secret by hand: the values come from the environment of whoever runs it, never from this file. */
export function createSecretCommand(name: string, owner: Owner, env: SplitEnv): string {
  const literals = env.secret.map(([k]) => `--from-literal=${k}="$${k}"`).join(' ');
  return `kubectl create secret generic ${secretName(name)} -n ${owner.namespace} ${literals}`;
}

function secretObject(name: string, owner: Owner, env: SplitEnv): KubeObject {
  const data = Object.fromEntries(env.secret.map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return object('v1', 'Secret', metaOf(secretName(name), owner), { type: 'Opaque', data });
}

/** `network: none`: no traffic in or out, as the container had no network. */
function isolation(name: string, owner: Owner): KubeObject {
  return object('networking.k8s.io/v1', 'NetworkPolicy', metaOf(`${name}-isolated`, owner), {
    spec: { podSelector: { matchLabels: selectorOf(owner) }, policyTypes: ['Ingress', 'Egress'] },
  });
}
