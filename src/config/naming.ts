import { jsonType } from './schema-index.js';
import type { DocPath } from './types.js';

/*
 * How diagnostics name places in the config: workloads and volumes by their name, everything below
 * them as a short dotted path (`health.http.port`, `ports[0]`), never as a JSON pointer.
 */

/** `env.PORT in workload "web"`, `volume "data"`, `workloads`. */
export function subjectOf(path: DocPath): string {
  const [section, name, ...rest] = path;
  const owner = ownerOf(section, name);
  if (!owner) return path.length === 0 ? 'the top level' : dotted(path);
  return rest.length === 0 ? owner : `${dotted(rest)} in ${owner}`;
}

/** "in workload "web"", "in health.http of workload "web"", "at the top level". */
export function inside(path: DocPath): string {
  const [section, name, ...rest] = path;
  const owner = ownerOf(section, name);
  if (!owner) return path.length === 0 ? 'at the top level' : `in ${dotted(path)}`;
  return rest.length === 0 ? `in ${owner}` : `in ${dotted(rest)} of ${owner}`;
}

function ownerOf(section: unknown, name: unknown): string | undefined {
  if (name === undefined) return undefined;
  if (section === 'workloads') return `workload "${name}"`;
  if (section === 'volumes') return `volume "${name}"`;
  return undefined;
}

function dotted(path: DocPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function showData(data: unknown): string {
  const type = jsonType(data);
  if (type === 'null') return 'empty';
  if (type === 'string') return JSON.stringify(data);
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  if (type === 'boolean') return String(data);
  return `the number ${String(data)}`;
}

/** "/workloads/web/ports/0" → ['workloads', 'web', 'ports', 0]: array indexes become numbers. */
export function pointerToPath(pointer: string): DocPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}
