import type { Reporter } from '../model/report.js';
import type { WorkloadSpec } from '../model/types.js';
import { connectionUrl, type Connection } from './database/expand.js';

const REFERENCE = /\$\{workloads\.([a-z0-9][a-z0-9_.-]*?)\.([a-z]+)\}/g;
const FIELDS: Record<string, (c: Connection) => string> = {
  url: (c) => connectionUrl(c, 'network'),
  host: (c) => c.host,
  port: (c) => String(c.port),
  user: (c) => c.user,
  password: (c) => c.password,
  database: (c) => c.database,
};
const SECRET_FIELDS = new Set(['url', 'password']);

/**
 * `${workloads.NAME.url}` (and .host .port .user .password .database) in env values become the
 * database's address inside the project network. A reference is also a dependency: the referring
 * workload waits until NAME is healthy. A value carrying a password becomes sensitive. A NAME in
 * `leftOut` (a workload already refused) is not reported again.
 */
export function resolveReferences(
  workloads: WorkloadSpec[],
  report: Reporter,
  leftOut: ReadonlySet<string> = new Set(),
): void {
  const connections = new Map(workloads.filter((w) => w.database).map((w) => [w.name, w.database!.connection]));
  for (const w of workloads) {
    for (const [key, value] of Object.entries(w.env)) {
      if (!value.includes('${workloads.')) continue;
      w.env[key] = value.replace(REFERENCE, (whole, target: string, field: string) => {
        const at = ['workloads', w.name, 'env', key];
        const c = connections.get(target);
        const get = FIELDS[field];
        if (!c && leftOut.has(target)) return whole;
        if (!c || !get || target === w.name) {
          report.error(
            at,
            'reference',
            `${whole} does not name a field of another database workload`,
            hint(target, field, [...connections.keys()]),
          );
          return whole;
        }
        if (SECRET_FIELDS.has(field) && !w.sensitive.includes(key)) w.sensitive = [...w.sensitive, key].sort();
        if (w.dependsOn[target] !== 'completed') w.dependsOn[target] = 'healthy';
        return get(c);
      });
    }
  }
}

function hint(target: string, field: string, databases: string[]): string {
  if (!databases.includes(target))
    return databases.length
      ? `databases in this project: ${databases.join(', ')}`
      : 'no workload here is a database (kind: database)';
  return `fields: ${Object.keys(FIELDS).join(', ')} (not "${field}")`;
}
