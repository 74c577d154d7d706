import { stringify } from 'yaml';

/**
 * YAML 1.1 rules for quoting: Kubernetes (go-yaml) and docker-compose v1 (PyYAML) read `no`, `on`, `y`
 * as booleans, so such strings must be quoted even though YAML 1.2 would not need it.
 */
const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' } as const;

/**
 * Documents as one multi-document YAML stream, `header` as comment lines on top. Keys keep the order
 * they were built in (apiVersion, kind, metadata, spec...): the order `kubectl get -o yaml` shows.
 */
export function renderDocuments(docs: unknown[], header: string[]): string {
  const top = header.map((l) => (l ? `# ${l}` : '#')).join('\n');
  const body = docs.map((d) => stringify(d, YAML_OPTIONS)).join('---\n');
  return `${top}${top ? '\n' : ''}${body}`;
}
