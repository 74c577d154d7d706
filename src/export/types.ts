import type { Diagnostic } from '../errors.js';

/** One Kubernetes object as plain data: what the YAML writer prints and the validators read. */
export type KubeObject = { apiVersion: string; kind: string; metadata: KubeMeta } & Record<string, unknown>;

export interface KubeMeta {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

export type ExportFormat = 'kube' | 'compose';

/**
 * What the caller chose. `includeSecrets` is off by default so that an exported file can be committed:
 * secret values then never leave the machine, and the output says how to create them in the cluster.
 */
export interface ExportOptions {
  format: ExportFormat;
  includeSecrets: boolean;
}

/** The text to write, and what did not carry over (printed on stderr; never a secret value). */
export interface ExportResult {
  text: string;
  warnings: Diagnostic[];
}

/** The annotation keys pond writes on exported objects: what Kubernetes has no field for. */
export const NOTE = {
  dependsOn: 'dev.pond/depends-on',
  notExported: 'dev.pond/not-exported',
  secret: 'dev.pond/secret',
  source: 'dev.pond/source',
} as const;
