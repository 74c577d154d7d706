import type { Connection } from './expand.js';

/**
 * What the engine's own command-line client reads from its environment to log in as the preset's
 * user to the preset's database, so `pond exec db psql` (or `mysql`, `sqlcmd`) needs no flags. The
 * values are secrets where the password is one: the caller passes them to the engine, never prints them.
 *
 * - postgres: libpq's PGUSER, PGDATABASE and PGPASSWORD (the socket trusts local logins; the
 *   password makes `-h 127.0.0.1` work as well).
 * - mysql: the client reads only the password from its env (MYSQL_PWD) and logs in as root inside
 *   the container, whose password the preset sets to the same value; it has no variable for a user or
 *   a default database, so `mysql pond` (or `-u`) names them.
 * - sqlserver: sqlcmd's SQLCMDUSER, SQLCMDPASSWORD and SQLCMDDBNAME.
 */
export function clientEnv(c: Pick<Connection, 'engine' | 'user' | 'password' | 'database'>): Record<string, string> {
  if (c.engine === 'postgres') return { PGUSER: c.user, PGDATABASE: c.database, PGPASSWORD: c.password };
  if (c.engine === 'mysql') return { MYSQL_PWD: c.password };
  return { SQLCMDUSER: c.user, SQLCMDPASSWORD: c.password, SQLCMDDBNAME: c.database };
}
