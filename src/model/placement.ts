import type { RawWorkload } from './raw.js';
import type { Reporter } from './report.js';
import type { WorkloadSpec } from './types.js';

/** Swarm's constraint keys: the node's own facts, or a node or engine label by name. */
const KEY = /^(node\.(id|hostname|role|platform\.os|platform\.arch)|(node|engine)\.labels\.[A-Za-z0-9_.-]+)$/;
const CONSTRAINT = /^\s*([^=!\s]+)\s*(==|!=)\s*(\S+)\s*$/;

/**
 * A constraint as Swarm reads it, written without spaces around the operator, so two files that
 * mean the same node normalize alike; undefined when it is not `<key> ==|!= <value>` with a known key.
 */
export function normalizeConstraint(text: string): string | undefined {
  const m = CONSTRAINT.exec(text);
  if (!m || !KEY.test(m[1]!)) return undefined;
  return `${m[1]}${m[2]}${m[3]}`;
}

/**
 * `replicas:` and `placement:` as written, each set only when present, so a spec without them is
 * exactly what it was before clusters (and hashes the same). A bad constraint is reported at its item.
 */
export function normalizePlacement(
  raw: RawWorkload,
  at: (string | number)[],
  report: Reporter,
): Pick<WorkloadSpec, 'replicas' | 'placement'> {
  const out: Pick<WorkloadSpec, 'replicas' | 'placement'> = {};
  if (typeof raw.replicas === 'number') out.replicas = raw.replicas;
  const written = raw.placement?.constraints;
  if (!written) return out;
  const constraints = written.flatMap((c, i) => {
    const normal = normalizeConstraint(c);
    if (normal !== undefined) return [normal];
    report.error(
      [...at, 'placement', 'constraints', i],
      'placement',
      `"${c}" is not a placement constraint`,
      'write `<key>==<value>` or `<key>!=<value>` with a key such as node.labels.NAME, node.hostname, node.role or node.platform.os, e.g. "node.labels.pond.node==1"',
    );
    return [];
  });
  if (constraints.length) out.placement = constraints;
  return out;
}
