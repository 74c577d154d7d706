import fs from 'node:fs';
import path from 'node:path';
import type { RawWorkload } from '../../model/raw.js';
import type { KindContext } from '../context.js';
import { insideProject } from '../../model/mounts.js';
import { envMap } from '../../model/env.js';
import { SERVERS, type Server } from './servers.js';
import { tokenFor } from './token.js';

/** What `pond info`, ps and up's summary learn about a notebook. */
export interface NotebookFacts {
  server: Server['name'];
  /** On this machine: 127.0.0.1 and this port. */
  hostPort: number;
  token: string;
  /** Drawn by this load, written by the commands that create containers (see saveNewTokens). */
  newToken?: boolean;
  /** The query parameter that carries the token in the server's URL. */
  tokenQuery: string;
}

export interface NotebookExpansion {
  service: RawWorkload;
  facts: NotebookFacts;
  volumes?: string[];
}

export const DEFAULT_NOTEBOOK_IMAGE = 'python:3.11-slim';
const WORKSPACE = '/workspace';

/**
 * `kind: notebook` → a service, as pure data apart from reading the stored token: the server (marimo by
 * default, or Jupyter) started by a script that installs it when the image lacks it, the workspace
 * (the notebook's folder) mounted read-write, `data:` read-only under /data (a folder a query of
 * the project writes counts before its first run), the server's port on
 * 127.0.0.1 (`port:` or derived), an HTTP health check on the server's own unauthenticated endpoint,
 * 2g and 2 CPUs by default, and only the host variables `pass_env` names. Token auth is always on.
 */
export function expandNotebook(name: string, raw: RawWorkload, ctx: KindContext): NotebookExpansion | undefined {
  const { at, report, dir } = ctx;
  const server = SERVERS[(raw.server as Server['name'] | undefined) ?? 'marimo'];
  const workspace = resolveNotebook(raw.notebook as string | undefined, dir, [...at, 'notebook'], ctx);
  const data = ((raw.data as string[] | undefined) ?? []).map((p, i) => dataMount(p, dir, [...at, 'data', i], ctx));
  const seen = new Map<string, number>();
  data.forEach((d, i) => {
    if (!d) return;
    if (seen.has(d.target))
      report.error(
        [...at, 'data', i],
        'duplicate',
        `two data entries would both be mounted at ${d.target}`,
        'rename one of them, or mount a folder holding both',
      );
    seen.set(d.target, i);
  });
  const passed = passEnv((raw.pass_env as string[] | undefined) ?? [], ctx.env);
  if (!workspace || data.some((d) => !d) || report.failed) return undefined;
  const drawn = raw.token === undefined ? tokenFor(dir, name) : undefined;
  const token = (raw.token as string | undefined) ?? drawn!.token;
  const hostPort = ctx.hostPort!;
  const service: RawWorkload = {
    ...raw,
    kind: 'service',
    image: raw.image ?? DEFAULT_NOTEBOOK_IMAGE,
    ...(raw.command === undefined && { command: ['sh', '-c', server.start(workspace.open)] }),
    env: { ...passed, ...envMap(raw.env), [server.tokenEnv]: token },
    sensitive: [...(raw.sensitive ?? []), ...Object.keys(passed)],
    ports: [{ target: server.port, published: hostPort }, ...(raw.ports ?? [])],
    volumes: [
      { type: 'bind', source: workspace.folder, target: WORKSPACE },
      ...data.map((d) => ({ type: 'bind' as const, source: d!.source, target: d!.target, read_only: true })),
      ...(raw.volumes ?? []),
    ],
    resources: { memory: '2g', cpus: 2, ...raw.resources },
    health: raw.health ?? {
      http: { port: server.port, path: server.healthPath },
      interval: '10s',
      timeout: '5s',
      retries: 3,
    },
    restart: raw.restart ?? 'unless-stopped',
  };
  for (const key of ['server', 'notebook', 'data', 'port', 'pass_env', 'token']) delete service[key];
  return {
    service,
    facts: {
      server: server.name,
      hostPort,
      token,
      ...(drawn?.isNew && { newToken: true }),
      tokenQuery: server.tokenQuery,
    },
  };
}

/** The workspace folder to mount, and what the server opens inside it (the file, or the folder itself). */
function resolveNotebook(
  value: string | undefined,
  dir: string,
  at: (string | number)[],
  ctx: KindContext,
): { folder: string; open: string } | undefined {
  const rel = value ?? '.';
  const abs = path.resolve(dir, rel);
  if (!insideProject(dir, abs)) {
    ctx.report.error(
      at,
      'outside-project',
      `notebook ${rel} is outside the project folder`,
      'keep notebooks under the folder holding pond.yaml',
    );
    return undefined;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    ctx.report.error(
      at,
      'not-found',
      `notebook ${rel} does not exist`,
      'create it (an empty folder will do: the server makes new notebooks there), or fix the path',
    );
    return undefined;
  }
  if (stat.isDirectory()) return { folder: path.relative(dir, abs) || '.', open: WORKSPACE };
  return { folder: path.relative(dir, path.dirname(abs)) || '.', open: `${WORKSPACE}/${path.basename(abs)}` };
}

function dataMount(
  rel: string,
  dir: string,
  at: (string | number)[],
  ctx: KindContext,
): { source: string; target: string } | undefined {
  const abs = path.resolve(dir, rel);
  if (!insideProject(dir, abs) || !(fs.existsSync(abs) || ctx.produced?.some((f) => insideProject(abs, f)))) {
    const outside = !insideProject(dir, abs);
    ctx.report.error(
      at,
      outside ? 'outside-project' : 'not-found',
      outside ? `data ${rel} is outside the project folder` : `data ${rel} does not exist`,
      outside
        ? 'mount it with volumes: and unsafe: [outside-project] if you mean it'
        : 'check the path: data entries are relative to the folder holding pond.yaml',
    );
    return undefined;
  }
  return { source: path.relative(dir, abs) || '.', target: `/data/${path.basename(abs)}` };
}

/** Host variables by name or glob ("AWS_*"); unset ones are skipped. Nothing else of the host env passes. */
export function passEnv(patterns: string[], env: Record<string, string | undefined>): Record<string, string> {
  const matchers = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ),
  );
  const out: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value !== undefined && matchers.some((m) => m.test(name))) out[name] = value;
  }
  return out;
}
