import fs from 'node:fs';
import path from 'node:path';
import type { MountSpec, UnsafeOptIn } from './types.js';
import type { RawVolumeLong } from './raw.js';
import type { Reporter } from './report.js';
import { parseBytes } from '../units.js';

type RawVolume = string | RawVolumeLong;

export interface MountContext {
  dir: string;
  /** What `~` in a bind source means: HOME of the environment pond was given. */
  home: string;
  declaredVolumes: Set<string>;
  unsafe: Set<UnsafeOptIn>;
  report: Reporter;
}

const DOCKER_SOCKET = /(^|\/)docker\.sock$/;

/** The path with every symlink resolved, or as given when it does not exist yet (the engine creates it). */
function realPath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

function holdsDockerSocket(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => DOCKER_SOCKET.test(f));
  } catch {
    return false;
  }
}

/**
 * Expands compose short syntax (`name:/path`, `./dir:/path:ro`) and the long form. Bind sources
 * resolve against the project folder and must stay inside it (or the workload opts in with
 * `unsafe: [outside-project]`); the Docker socket needs `unsafe: [docker-socket]`.
 */
export function normalizeMount(raw: RawVolume, at: (string | number)[], ctx: MountContext): MountSpec | undefined {
  const long = typeof raw === 'string' ? parseShort(raw) : raw;
  if (!long) {
    ctx.report.error(
      at,
      'volume',
      `"${String(raw)}" is not a volume mount`,
      'use "NAME:/path", "./dir:/path[:ro]" or the long form',
    );
    return undefined;
  }
  if (!long.target.startsWith('/')) {
    ctx.report.error(at, 'volume', `mount target "${long.target}" must be an absolute path inside the container`);
    return undefined;
  }
  const type = long.type ?? (long.source && isPathLike(long.source) ? 'bind' : 'volume');
  if (type === 'tmpfs') return tmpfs(long, at, ctx);
  if (!long.source) {
    ctx.report.error(at, 'volume', `a ${type} mount needs a source`);
    return undefined;
  }
  const readOnly = long.read_only ?? false;
  if (type === 'volume') return namedVolume(long.source, long.target, readOnly, at, ctx);
  return bind(long.source, long.target, readOnly, at, ctx);
}

function parseShort(text: string): RawVolumeLong | undefined {
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', target: parts[0]! } as never;
  if (parts.length > 3) return undefined;
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw') return undefined;
  return { source, target, read_only: mode === 'ro' };
}

function isPathLike(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

function tmpfs(long: RawVolumeLong, at: (string | number)[], ctx: MountContext): MountSpec | undefined {
  const size = long.tmpfs?.size;
  const sizeBytes = size === undefined ? undefined : parseBytes(size);
  if (size !== undefined && sizeBytes === undefined) {
    ctx.report.error([...at, 'tmpfs', 'size'], 'volume', `tmpfs size "${size}" is not a size`, 'write it like "64m"');
    return undefined;
  }
  return sizeBytes === undefined
    ? { type: 'tmpfs', target: long.target }
    : { type: 'tmpfs', target: long.target, sizeBytes };
}

function namedVolume(
  source: string,
  target: string,
  readOnly: boolean,
  at: (string | number)[],
  ctx: MountContext,
): MountSpec | undefined {
  if (!ctx.declaredVolumes.has(source)) {
    ctx.report.error(
      at,
      'undeclared-volume',
      `volume "${source}" is not declared`,
      `add it under the top-level \`volumes:\` (e.g. \`volumes: { ${source}: {} }\`)`,
    );
    return undefined;
  }
  return { type: 'volume', source, target, readOnly };
}

/**
 * Checks run on the real path: a symlink inside the project that points outside it (or at the Docker
 * socket) is judged by where it points. A folder holding the socket counts as the socket.
 */
function bind(
  source: string,
  target: string,
  readOnly: boolean,
  at: (string | number)[],
  ctx: MountContext,
): MountSpec | undefined {
  const abs = path.resolve(ctx.dir, source.startsWith('~') ? path.join(ctx.home, source.slice(1)) : source);
  const real = realPath(abs);
  const dir = realPath(ctx.dir);
  if ((DOCKER_SOCKET.test(real) || holdsDockerSocket(real)) && !ctx.unsafe.has('docker-socket')) {
    ctx.report.error(
      at,
      'unsafe',
      `mounting the Docker socket gives the container control of the host`,
      'if you mean it, add `unsafe: [docker-socket]` to this workload',
    );
    return undefined;
  }
  if (!insideProject(dir, real) && !ctx.unsafe.has('outside-project') && !DOCKER_SOCKET.test(real)) {
    ctx.report.error(
      at,
      'unsafe',
      `bind mount "${source}" is outside the project folder ${ctx.dir}`,
      'move the data into the project, or add `unsafe: [outside-project]` to this workload',
    );
    return undefined;
  }
  return { type: 'bind', source: abs, target, readOnly };
}

/** Whether `abs` is the project folder or under it: the rule for binds, and for every path a kind reads. */
export function insideProject(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
