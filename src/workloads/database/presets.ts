/**
 * Database presets as data: what each engine's official image expects, and what pond sets by default.
 * Health checks probe over TCP on 127.0.0.1 (not the socket, which answers during first-time init)
 * and read the password from the container's own environment, so no secret is written into a spec.
 */
export interface Preset {
  engine: 'postgres' | 'mysql' | 'sqlserver';
  versions: string[];
  image: (version: string) => string;
  /** Port the server listens on inside the container. */
  port: number;
  dataDir: string;
  /** Default memory limit (MB) for the server itself, for ephemeral data (test runs, small data sets). */
  memoryMb: number;
  /**
   * Default memory limit (MB) for `storage: persistent`: data that lives on and grows. Room for the
   * server's default buffers (postgres: 128 MB shared_buffers, 64 MB maintenance_work_mem per
   * autovacuum worker, 4 MB work_mem per sort of each of 100 connections; mysql: a 128 MB InnoDB
   * buffer pool, performance_schema, per-connection buffers) with headroom for real work, so an
   * ordinary load never meets the OOM killer, whose kill is a crash recovery on durable data. Bounded,
   * so one runaway database cannot take the memory of every other workload on the host.
   * `resources.memory` overrides it (`none` lifts it).
   */
  durableMemoryMb: number;
  /**
   * Size (MB) of the tmpfs holding an ephemeral fast database's data. tmpfs pages count against the
   * container's memory limit, so that limit is raised by as much: a few hundred MB of test data fit
   * without an OOM kill. 0: this engine keeps its data off tmpfs.
   */
  scratchMb: number;
  defaults: { user: string; password: string; database: string };
  /** Container env for these credentials (the official image's contract). */
  env: (c: Credentials) => Record<string, string>;
  /** Env names the image reads only when it initialises an empty data directory. */
  initOnlyEnv: string[];
  health: (c: Credentials) => string;
  /**
   * Applies the credentials in the container's env to an already initialised data dir (the image reads
   * them only on first init), reading them from that env so no secret is in the command. Absent: the
   * engine offers no way in without the old password; a change stays a plan warning.
   */
  applyCredentials?: { env: string[]; exec: string };
  /** Server flags for `mode: fast` (durability traded for speed), appended to the image's command. */
  fastArgs: string[];
  /** The command the flags (`mode: fast`'s, `args:`) follow; absent: the image takes bare flags itself. */
  command?: string[];
  urlScheme: string;
}

export interface Credentials {
  user: string;
  password: string;
  database: string;
}

export const PRESETS: Record<Preset['engine'], Preset> = {
  postgres: {
    engine: 'postgres',
    versions: ['13', '14', '15', '16', '17'],
    image: (v) => `postgres:${v}-alpine`,
    port: 5432,
    dataDir: '/var/lib/postgresql/data',
    memoryMb: 256,
    durableMemoryMb: 1024,
    scratchMb: 1024,
    defaults: { user: 'pond', password: 'pond', database: 'pond' },
    env: (c) => ({ POSTGRES_USER: c.user, POSTGRES_PASSWORD: c.password, POSTGRES_DB: c.database }),
    initOnlyEnv: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
    health: (c) => `pg_isready -h 127.0.0.1 -U ${c.user} -d ${c.database}`,
    // Over the local socket, which initdb trusts: the only login that needs no old password.
    applyCredentials: {
      env: ['POSTGRES_PASSWORD'],
      exec: `echo "ALTER USER :\\"u\\" WITH PASSWORD :'p';" | psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v u="$POSTGRES_USER" -v p="$POSTGRES_PASSWORD"`,
    },
    command: ['postgres'],
    fastArgs: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_wal_size=256MB',
    ],
    urlScheme: 'postgres',
  },
  mysql: {
    engine: 'mysql',
    versions: ['5.7', '8.0', '8.4'],
    image: (v) => `mysql:${v}`,
    port: 3306,
    dataDir: '/var/lib/mysql',
    memoryMb: 512,
    durableMemoryMb: 1024,
    scratchMb: 1024,
    defaults: { user: 'pond', password: 'pond', database: 'pond' },
    env: (c) => ({
      MYSQL_ROOT_PASSWORD: c.password,
      MYSQL_USER: c.user,
      MYSQL_PASSWORD: c.password,
      MYSQL_DATABASE: c.database,
    }),
    initOnlyEnv: ['MYSQL_ROOT_PASSWORD', 'MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_DATABASE'],
    health: () => 'mysqladmin ping -h 127.0.0.1 -uroot -p"$MYSQL_ROOT_PASSWORD" --silent',
    fastArgs: ['--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--sync-binlog=0'],
    urlScheme: 'mysql',
  },
  sqlserver: {
    engine: 'sqlserver',
    versions: ['2019', '2022'],
    image: (v) => `mcr.microsoft.com/mssql/server:${v}-latest`,
    port: 1433,
    dataDir: '/var/opt/mssql',
    memoryMb: 2048,
    durableMemoryMb: 2048,
    scratchMb: 0,
    defaults: { user: 'sa', password: 'Pond-local-1', database: 'master' },
    env: (c) => ({ ACCEPT_EULA: 'Y', MSSQL_SA_PASSWORD: c.password, MSSQL_PID: 'Developer' }),
    initOnlyEnv: ['MSSQL_SA_PASSWORD'],
    health: () =>
      'for t in /opt/mssql-tools18/bin/sqlcmd /opt/mssql-tools/bin/sqlcmd; do [ -x $t ] && exec $t -C -S 127.0.0.1 -U sa -P "$MSSQL_SA_PASSWORD" -Q "SELECT 1" -b; done; exit 1',
    command: ['/opt/mssql/bin/sqlservr'],
    fastArgs: [],
    urlScheme: 'sqlserver',
  },
};

/** The newest supported version: what `version:` defaults to. */
export function latest(p: Preset): string {
  return p.versions[p.versions.length - 1]!;
}
