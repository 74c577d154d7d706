import { describe, expect, it } from 'vitest';
import { clientEnv } from '../../../src/workloads/database/client-env.js';

const creds = { user: 'app', password: 's3cret', database: 'sales' };

describe('clientEnv: the env a database client needs to log in without flags', () => {
  it('postgres: libpq user, database and password', () => {
    expect(clientEnv({ engine: 'postgres', ...creds })).toEqual({
      PGUSER: 'app',
      PGDATABASE: 'sales',
      PGPASSWORD: 's3cret',
    });
  });

  it("mysql: only the password, which is also root's (the client has no variable for user or database)", () => {
    expect(clientEnv({ engine: 'mysql', ...creds })).toEqual({ MYSQL_PWD: 's3cret' });
  });

  it('sqlserver: sqlcmd user, password and database', () => {
    expect(clientEnv({ engine: 'sqlserver', user: 'sa', password: 'Pw-1', database: 'master' })).toEqual({
      SQLCMDUSER: 'sa',
      SQLCMDPASSWORD: 'Pw-1',
      SQLCMDDBNAME: 'master',
    });
  });
});
