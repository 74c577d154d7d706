import type { KindDefinition } from '../kind.js';
import { connectionUrl, expandDatabase } from './expand.js';
import type { DatabaseFacts } from './facts.js';
import { clientEnv } from './client-env.js';
import { DATABASE_INFO } from './info.js';
import schema from './schema.json' with { type: 'json' };

declare module '../../model/types.js' {
  interface KindFacts {
    database: DatabaseFacts;
  }
}

export const database: KindDefinition<DatabaseFacts> = {
  name: 'database',
  publishesPort: true,
  singleCopy: {
    why: 'a database keeps its data in one volume, which two copies would share or split',
    hint: 'drop replicas: (a database runs one copy), or run a replicated database image as a service',
  },
  schema,
  info: DATABASE_INFO,
  expand(name, raw, ctx) {
    const db = expandDatabase(name, raw, ctx.hostPort!, ctx.at, ctx.report);
    if (!db) return undefined;
    return {
      service: db.service,
      ...(db.volume && { volumes: [db.volume] }),
      facts: {
        connection: db.connection,
        version: db.version,
        data: db.data,
        ...(db.initOnly && { initOnly: db.initOnly }),
      },
    };
  },
  secrets: (facts) => [facts.connection.password],
  links: (facts, mask) => [
    { label: 'connection', url: connectionUrl(facts.connection, 'host', mask), connection: true },
  ],
  lifecycle: (facts) => ({ data: facts.data, ...(facts.initOnly && { initOnly: facts.initOnly }) }),
  execEnv: (facts) => clientEnv(facts.connection),
};
