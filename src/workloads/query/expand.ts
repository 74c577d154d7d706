import fs from 'node:fs';
import path from 'node:path';
import type { RawWorkload } from '../../model/raw.js';
import type { Carry, Hardening } from '../../engine/types.js';
import type { MountSpec } from '../../model/types.js';
import { parseDuration } from '../../units.js';
import type { KindContext } from '../context.js';
import { insideProject } from '../../model/mounts.js';
import { envMap } from '../../model/env.js';
import { queryHash } from './content-hash.js';
import { runnerFiles } from './runner-files.js';
import { QUERY_RESOURCES, withResourceDefaults } from '../resources.js';
import { EXTENSIONS_MOUNT } from './runner/extensions.js';

export type QueryFormat = 'json' | 'csv' | 'arrow';

/** What `pond query`, ps and up's summary learn about a query workload. */
export interface QueryFacts {
  sql: string;
  /** The output file, absolute, and its format. */
  output: string;
  format: QueryFormat;
  /** How long a run may take (up and `pond query`), in ms. */
  timeoutMs: number;
  /** sha256 prefix of the SQL and the inputs' bytes: a new value re-runs the query. */
  hash: string;
  /** `warm: true`: `pond query` runs in one long-lived runner container instead of a fresh one per run. */
  warm: boolean;
}

export interface QueryExpansion {
  service: RawWorkload;
  facts: QueryFacts;
  volumes?: string[];
  /** pond's own mounts: its runner and DuckDB (read-only, outside the project by design) and a tmpfs /tmp. */
  mounts: MountSpec[];
  /** A query only reads its inputs and writes its output: it runs with everything else taken away. */
  hardening: Hardening;
  /** The SQL file (if any) and the inputs, absolute: watch mode re-runs the query when they change. */
  sources: string[]; /** On a cluster: pond's own mounts baked into the image, the output folder collected from the run. */
  carry: Record<string, Carry>;
}

export const DEFAULT_QUERY_IMAGE = 'node:22-slim';
/** Read-only root, no capabilities, no privilege gain, bounded processes: DuckDB needs none of them. */
export const QUERY_HARDENING: Hardening = {
  readOnlyRootfs: true,
  capDrop: ['ALL'],
  noNewPrivileges: true,
  pidsLimit: 256,
};
/** Where a query without `output:` writes: its own folder, so the project itself is never mounted read-write. */
const DEFAULT_OUTPUT_DIR = 'out';
const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const FORMATS: Record<string, QueryFormat> = { '.json': 'json', '.csv': 'csv', '.arrow': 'arrow', '.feather': 'arrow' };
/** Where the runner and DuckDB are mounted, and where inputs and output appear in the container. */
export const QUERY_PATHS = {
  runner: '/opt/pond/query-runner.mjs',
  modules: '/opt/pond/node_modules',
  work: '/work',
  out: '/out',
};

/** Where a query writes its result, relative to the project folder as written (`output.path`, or out/NAME.json). */
export function outputPathOf(name: string, raw: RawWorkload): string {
  return (raw.output as { path?: string } | undefined)?.path ?? `${DEFAULT_OUTPUT_DIR}/${name}.json`;
}

/** Queries whose output file is not there (deleted since their last run): the planner runs them again. */
export function missingOutputs(workloads: { name: string; query?: QueryFacts }[]): string[] {
  return workloads.filter((w) => w.query && !fs.existsSync(w.query.output)).map((w) => w.name);
}

/**
 * `kind: query` → a terminating service, as pure data (apart from reading the SQL file and hashing the
 * inputs): DuckDB run by pond's runner in the official node image, with no network unless asked,
 * inputs mounted read-only at their project paths under /work (the working directory, so SQL says
 * `read_parquet('data/x.parquet')` as it would in the project folder), the output's folder mounted
 * read-write (`out/` when no `output:` is declared, never the whole project; made by
 * prepareProjectFiles, not here: loading only reads), and a hardened
 * container: read-only root, no capabilities, no privilege gain, a process limit, a tmpfs /tmp
 * (HOME), and `extensions:` (a project folder of DuckDB extension files) mounted read-only: DuckDB
 * never downloads one. The content hash goes into the env, so the planner re-runs the query exactly when its
 * SQL or inputs changed.
 */
export function expandQuery(name: string, raw: RawWorkload, ctx: KindContext): QueryExpansion | undefined {
  const { at, report, dir } = ctx;
  const sql = readSql(raw.sql as string, dir, [...at, 'sql'], ctx);
  const inputs = ((raw.inputs as string[] | undefined) ?? [])
    .map((p, i) => checkedPath(p, dir, [...at, 'inputs', i], ctx))
    .filter((p): p is string => p !== undefined);
  const out = raw.output as { path: string; format?: QueryFormat } | undefined;
  const outputRel = outputPathOf(name, raw);
  const output = path.resolve(dir, outputRel);
  if (!insideProject(dir, output))
    report.error(
      [...at, 'output', 'path'],
      'outside-project',
      `output ${outputRel} is outside the project folder`,
      'write the result somewhere under the folder holding pond.yaml',
    );
  const format = out?.format ?? FORMATS[path.extname(output).toLowerCase()] ?? 'json';
  const timeoutMs = raw.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(raw.timeout as string | number);
  if (timeoutMs === undefined || timeoutMs <= 0)
    report.error(
      [...at, 'timeout'],
      'duration',
      `"${String(raw.timeout)}" is not a duration above zero`,
      'write it like "30s" or "5m"',
    );
  const extensions =
    raw.extensions === undefined
      ? undefined
      : extensionsFolder(raw.extensions as string, dir, [...at, 'extensions'], ctx);
  if (sql === undefined || inputs.length !== ((raw.inputs as unknown[] | undefined) ?? []).length || report.failed)
    return undefined;
  const hash = queryHash(sql, inputs, dir, output, { ...(ctx.digests && { cache: ctx.digests }) });
  const files = runnerFiles();
  const service: RawWorkload = {
    ...raw,
    kind: 'service',
    image: raw.image ?? DEFAULT_QUERY_IMAGE,
    command: ['node', QUERY_PATHS.runner],
    env: {
      ...envMap(raw.env),
      POND_SQL: sql,
      POND_FORMAT: format,
      POND_OUTPUT: `${QUERY_PATHS.out}/${path.basename(output)}`,
      POND_QUERY_HASH: hash,
      HOME: '/tmp',
      ...(extensions && { POND_EXTENSIONS: raw.extensions as string }),
    },
    network: raw.network ?? 'none',
    // The output file is the user's: written as the invoking user (root stays root), HOME somewhere writable.
    ...(raw.user === undefined && invokingUser() && { user: invokingUser() }),
    restart: 'no',
    resources: withResourceDefaults(raw, QUERY_RESOURCES),
    volumes: [
      ...inputs.map((p) => ({ type: 'bind' as const, source: p, target: `${QUERY_PATHS.work}/${p}`, read_only: true })),
      { type: 'bind' as const, source: path.relative(dir, path.dirname(output)) || '.', target: QUERY_PATHS.out },
      ...(raw.volumes ?? []),
    ],
  };
  for (const key of ['sql', 'inputs', 'output', 'timeout', 'extensions', 'warm']) delete service[key];
  const mounts: MountSpec[] = [
    { type: 'bind', source: files.runner, target: QUERY_PATHS.runner, readOnly: true },
    ...files.packages.map((p) => ({
      type: 'bind' as const,
      source: p.dir ?? path.join(files.fallbackDir, p.name),
      target: `${QUERY_PATHS.modules}/${p.name}`,
      readOnly: true,
    })),
    ...(extensions ? [{ type: 'bind' as const, source: extensions, target: EXTENSIONS_MOUNT, readOnly: true }] : []),
    ...(mountsTmp(raw) ? [] : [{ type: 'tmpfs' as const, target: '/tmp' }]),
  ];
  const sqlFile = isSqlFile(raw.sql as string) ? [path.resolve(dir, (raw.sql as string).trim())] : [];
  return {
    service,
    facts: { sql, output, format, timeoutMs: timeoutMs!, hash, warm: raw.warm === true },
    mounts,
    carry: carryOf(mounts),
    hardening: QUERY_HARDENING,
    sources: [...sqlFile, ...inputs.map((p) => path.join(dir, p))],
  };
}

/**
 * On a cluster, pond's runner and DuckDB (and a project's extension files) are baked into an image
 * made from the query's, and the output folder comes back through the run's output.
 */
function carryOf(mounts: MountSpec[]): Record<string, Carry> {
  const carry: Record<string, Carry> = { [QUERY_PATHS.out]: 'collected' };
  for (const m of mounts) if (m.type === 'bind') carry[m.target] = 'baked';
  return carry;
}

/** `extensions:`: a folder of DuckDB extension files inside the project, absolute; undefined (and reported) otherwise. */
function extensionsFolder(rel: string, dir: string, at: (string | number)[], ctx: KindContext): string | undefined {
  const abs = path.resolve(dir, rel);
  if (!insideProject(dir, abs)) {
    ctx.report.error(
      at,
      'outside-project',
      `extensions folder ${rel} is outside the project folder`,
      'keep DuckDB extension files in a folder under the one holding pond.yaml',
    );
    return undefined;
  }
  if (!fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    ctx.report.error(
      at,
      'not-found',
      `extensions folder ${rel} does not exist or is not a folder`,
      'create it and put NAME.duckdb_extension files in it (built for the DuckDB version pond bundles)',
    );
    return undefined;
  }
  return abs;
}

/** Whether the user mounts something at /tmp already (then pond adds no tmpfs there). */
function mountsTmp(raw: RawWorkload): boolean {
  return (raw.volumes ?? []).some((v) =>
    typeof v === 'string' ? v.split(':')[1] === '/tmp' : (v as { target?: string }).target === '/tmp',
  );
}

/** `sql:` is a file when it names one (ends in .sql, or exists); otherwise it is the SQL itself. */
function readSql(value: string, dir: string, at: (string | number)[], ctx: KindContext): string | undefined {
  if (!isSqlFile(value)) return value;
  const file = path.resolve(dir, value.trim());
  if (!insideProject(dir, file)) {
    ctx.report.error(
      at,
      'outside-project',
      `${value} is outside the project folder`,
      'keep SQL files under the folder holding pond.yaml',
    );
    return undefined;
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    ctx.report.error(
      at,
      'not-found',
      `SQL file ${value} does not exist`,
      `create it, or write the SQL inline (sql: "SELECT ...")`,
    );
    return undefined;
  }
}

/** "uid:gid" of the pond process, unless it is root (then the image's own user, root, is the same). */
function invokingUser(): string | undefined {
  const uid = process.getuid?.();
  return uid === undefined || uid === 0 ? undefined : `${uid}:${process.getgid?.() ?? uid}`;
}

function isSqlFile(value: string): boolean {
  return /\.sql$/i.test(value.trim()) && !/\s/.test(value.trim());
}

function checkedPath(rel: string, dir: string, at: (string | number)[], ctx: KindContext): string | undefined {
  const abs = path.resolve(dir, rel);
  if (!insideProject(dir, abs)) {
    ctx.report.error(
      at,
      'outside-project',
      `input ${rel} is outside the project folder`,
      'keep inputs under the folder holding pond.yaml (or mount them with volumes: and unsafe: [outside-project])',
    );
    return undefined;
  }
  if (!fs.existsSync(abs)) {
    ctx.report.error(
      at,
      'not-found',
      `input ${rel} does not exist`,
      'check the path: inputs are relative to the folder holding pond.yaml',
    );
    return undefined;
  }
  return path.relative(dir, abs);
}
