import type { KindDefinition } from '../kind.js';
import { connectionUrl, expandDatabase, type Connection, type DataFacts, type InitOnly } from './expand.js';
import { clientEnv } from './client-env.js';
import { DATABASE_INFO, HIDDEN } from './info.js';
import schema from './schema.json' with { type: 'json' };

/** What `kind: database` tells the rest of pond: how to connect, and what only matters on first init of its data. */
export interface DatabaseFacts {
  connection: Connection;
  version: string;
  /** Env the image honours only when it initialises an empty data dir on this named volume. */
  initOnly?: InitOnly;
  data: DataFacts;
}

declare module '../../model/types.js' {
  interface KindFacts {
    database: DatabaseFacts;
  }
}

export const database: KindDefinition<DatabaseFacts> = {
  name: 'database',
  publishesPort: true,
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
  links: (facts) => [connectionUrl(facts.connection, 'host', HIDDEN)],
  lifecycle: (facts) => ({ data: facts.data, ...(facts.initOnly && { initOnly: facts.initOnly }) }),
  execEnv: (facts) => clientEnv(facts.connection),
};
