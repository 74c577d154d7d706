import type { KindInfo } from '../kind.js';
import { connectionUrl } from './expand.js';
import type { DatabaseFacts } from './facts.js';

/** The password as shown unless the caller asked to see it. */
export const HIDDEN = '****';

/**
 * How to reach one database from this machine (`url`) and from the project's network (`network_url`).
 * `password` is present only when revealed; both URLs carry `****` otherwise, so a log of them leaks nothing.
 */
export interface DatabaseInfo {
  workload: string;
  engine: string;
  version: string;
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  url: string;
  network_url: string;
}

/** A database's connection facts from the config (no engine needed); the password only when `reveal`. */
export function databaseInfo(w: { name: string; database: DatabaseFacts }, reveal: boolean): DatabaseInfo {
  const c = w.database.connection;
  const password = reveal ? c.password : HIDDEN;
  return {
    workload: w.name,
    engine: c.engine,
    version: w.database.version,
    host: '127.0.0.1',
    port: c.hostPort,
    user: c.user,
    database: c.database,
    ...(reveal && { password: c.password }),
    url: connectionUrl(c, 'host', password),
    network_url: connectionUrl(c, 'network', password),
  };
}

/** `pond info`'s databases section. */
export const DATABASE_INFO: KindInfo<DatabaseFacts, DatabaseInfo> = {
  section: 'databases',
  header: ['WORKLOAD', 'ENGINE', 'HOST', 'PORT', 'USER', 'DATABASE', 'URL'],
  entry: (name, facts, reveal) => databaseInfo({ name, database: facts }, reveal),
  row: (i) => [i.workload, `${i.engine} ${i.version}`, i.host, String(i.port), i.user, i.database, i.url],
};
