import { LABEL, POND_VERSION } from '../labels.js';
import type { KubeMeta, KubeObject } from './types.js';

/** Who an exported object belongs to: pond's own identity labels, so `kubectl get -l` finds a project's objects. */
export interface Owner {
  namespace: string;
  project: string;
  workload?: string;
  kind?: string;
}

/**
 * pond's labels for an object (values Kubernetes accepts: names and a version). The checkout's id is left
 * out: the namespace is the cluster's boundary, and an id not yet stored would change every export.
 */
export function labelsOf(o: Owner): Record<string, string> {
  return {
    [LABEL.project]: o.project,
    ...(o.workload !== undefined && { [LABEL.workload]: o.workload }),
    ...(o.kind !== undefined && { [LABEL.kind]: o.kind }),
    [LABEL.version]: POND_VERSION,
  };
}

/** The labels a workload's controller selects its pods by: stable across pond versions. */
export function selectorOf(o: Owner): Record<string, string> {
  return { [LABEL.project]: o.project, [LABEL.workload]: o.workload ?? '' };
}

export function metaOf(name: string, o: Owner, annotations: Record<string, string> = {}): KubeMeta {
  return {
    name,
    namespace: o.namespace,
    labels: labelsOf(o),
    ...(Object.keys(annotations).length && { annotations }),
  };
}

export function object(
  apiVersion: string,
  kind: string,
  metadata: KubeMeta,
  body: Record<string, unknown>,
): KubeObject {
  return { apiVersion, kind, metadata, ...body };
}
