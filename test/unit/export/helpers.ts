import { parseAllDocuments } from 'yaml';
import { exportProject } from '../../../src/export/index.js';
import type { KubeObject } from '../../../src/export/types.js';
import type { Project } from '../../../src/pipeline.js';

/** The project exported as Kubernetes objects, read back from the YAML text (what a user would apply). */
export function kubeOf(project: Project, includeSecrets = false): { text: string; objects: KubeObject[] } {
  const { text } = exportProject(project, { format: 'kube', includeSecrets });
  return { text, objects: parseAllDocuments(text).map((d) => d.toJS() as KubeObject) };
}

export function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

interface Probe {
  httpGet?: unknown;
}

/** The parts of a container the tests read. */
export interface Container {
  env: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts: unknown[];
  resources: unknown;
  startupProbe: Probe;
  readinessProbe: Probe;
  livenessProbe: Probe;
}

/** The one container of a Deployment's or StatefulSet's pod. */
export function containerIn(o: KubeObject): Container {
  return (o.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
}
