import type { RawWorkload } from '../../model/raw.js';
import type { Reporter } from '../../model/report.js';
import type { DataFacts, InitOnly } from '../kind.js';
import { latest, PRESETS, type Credentials, type Preset } from './presets.js';

/** What other workloads and `pond info` learn about a database. */
export interface Connection {
  engine: Preset['engine'];
  /** Inside the project network: the workload's name and the engine's port. */
  host: string;
  port: number;
  /** On this machine: 127.0.0.1 and the published port. */
  hostPort: number;
  user: string;
  password: string;
  database: string;
  scheme: string;
}

export interface DatabaseExpansion {
  /** The same workload, written as a service: what the rest of the pipeline sees. */
  service: RawWorkload;
  /** A named volume this workload needs declared (storage: persistent). */
  volume?: string;
  connection: Connection;
  /** Env the image honours only when it initialises an empty data dir, and the volume holding that dir. */
  initOnly?: InitOnly;
  /** Where the data lives and whether the server syncs it: what the plan warns about. */
  data: DataFacts;
  /** For a major-version change on persistent data: the engine and version in use. */
  version: string;
}

export type { DataFacts, InitOnly } from '../kind.js';

/**
 * `kind: database` → a service, as pure data: the official image for engine and version, credentials
 * in the image's own env contract, an engine-specific health check, the port on 127.0.0.1, the data
 * directory on a named volume (persistent), a sized tmpfs (ephemeral + fast; the memory default
 * grows by its size) or the image's anonymous volume (ephemeral + durable), and server flags for
 * `mode: fast`, which is the default only for ephemeral storage: persistent data is synced unless
 * `mode: fast` says otherwise. Persistent data gets a larger, still bounded, memory default. It
 * restarts unless stopped and runs without an init shim (the servers handle their stop signal
 * themselves). What the user sets wins.
 */
export function expandDatabase(
  name: string,
  raw: RawWorkload,
  hostPort: number,
  at: (string | number)[],
  report: Reporter,
): DatabaseExpansion | undefined {
  const preset = PRESETS[raw.engine as Preset['engine']];
  const version = (raw.version as string | undefined) ?? latest(preset);
  if (!preset.versions.includes(version)) {
    report.error(
      [...at, 'version'],
      'enum',
      `${preset.engine} version "${version}" is not one pond has a preset for`,
      `use one of ${preset.versions.join(', ')}, or set image: to run another`,
    );
    return undefined;
  }
  if (raw.user !== undefined) {
    report.error(
      [...at, 'user'],
      'renamed',
      `\`user:\` on a database is now \`login:\` (the database login); \`user:\` is the process user on the other kinds`,
      `rename it: login: ${raw.user}`,
    );
    return undefined;
  }
  const creds: Credentials = {
    user: (raw.login as string | undefined) ?? preset.defaults.user,
    password: (raw.password as string | undefined) ?? preset.defaults.password,
    database: (raw.database as string | undefined) ?? preset.defaults.database,
  };
  if (preset.engine === 'sqlserver' && creds.user !== 'sa') {
    report.error(
      [...at, 'login'],
      'invalid-value',
      'the sqlserver preset logs in as "sa"',
      'remove login:, or run your own image as a service',
    );
    return undefined;
  }
  const persistent = raw.storage === 'persistent';
  const fast = (raw.mode ?? (persistent ? 'durable' : 'fast')) === 'fast';
  const volume = persistent ? `${name}-data` : undefined;
  const tmpfs = !volume && fast && preset.scratchMb > 0;
  const dataMount = volume
    ? [`${volume}:${preset.dataDir}`]
    : tmpfs
      ? [{ type: 'tmpfs' as const, target: preset.dataDir, tmpfs: { size: `${preset.scratchMb}m` } }]
      : [];
  const command = serverCommand(preset, raw, fast, [...at, 'args'], report);
  const service: RawWorkload = {
    ...raw,
    kind: 'service',
    image: raw.image ?? preset.image(version),
    ...(command && { command }),
    env: Array.isArray(raw.env)
      ? [...Object.entries(preset.env(creds)).map(([k, v]) => `${k}=${v}`), ...raw.env]
      : { ...preset.env(creds), ...raw.env },
    ports: [{ target: preset.port, published: hostPort }, ...(raw.ports ?? [])],
    volumes: [...dataMount, ...(raw.volumes ?? [])],
    resources: {
      memory: `${persistent ? preset.durableMemoryMb : preset.memoryMb + (tmpfs ? preset.scratchMb : 0)}m`,
      ...raw.resources,
    },
    health: raw.health ?? { exec: preset.health(creds), interval: '5s', timeout: '5s', retries: 5 },
    restart: raw.restart ?? 'unless-stopped',
    init: raw.init ?? false,
  };
  for (const key of ['engine', 'version', 'storage', 'mode', 'login', 'password', 'database', 'port', 'args'])
    delete service[key];
  const connection: Connection = {
    engine: preset.engine,
    host: name,
    port: preset.port,
    hostPort,
    ...creds,
    scheme: preset.urlScheme,
  };
  const data: DataFacts = { persistent, fsync: !fast, tmpfs };
  const initOnly: InitOnly | undefined = volume
    ? { env: preset.initOnlyEnv, volume, ...(preset.applyCredentials && { applied: preset.applyCredentials }) }
    : undefined;
  return { service, volume, connection, version, data, ...(initOnly && { initOnly }) };
}

/**
 * The server's command line: `command:` replaces the preset's (and its `mode: fast` flags); `args:` are
 * appended to whichever applies (postgres `["-c", "wal_level=logical"]`). Undefined: the image's own.
 */
function serverCommand(
  preset: Preset,
  raw: RawWorkload,
  fast: boolean,
  at: (string | number)[],
  report: Reporter,
): string[] | string | undefined {
  const args = (raw.args as string[] | undefined) ?? [];
  if (typeof raw.command === 'string') {
    if (args.length)
      report.error(
        at,
        'args',
        'args: cannot follow a command written as one shell string',
        'write command: as a list, or put the flags into the string',
      );
    return raw.command;
  }
  if (raw.command !== undefined) return [...raw.command, ...args];
  const extra = [...(fast ? preset.fastArgs : []), ...args];
  return extra.length ? [...(preset.command ?? []), ...extra] : undefined;
}

/** "postgres://pond:pond@db:5432/pond": the URL form every client library takes. */
export function connectionUrl(c: Connection, where: 'network' | 'host', password = c.password): string {
  const [host, port] = where === 'network' ? [c.host, c.port] : ['127.0.0.1', c.hostPort];
  const auth = `${encodeURIComponent(c.user)}:${encodeURIComponent(password)}`;
  return `${c.scheme}://${auth}@${host}:${port}/${encodeURIComponent(c.database)}`;
}
