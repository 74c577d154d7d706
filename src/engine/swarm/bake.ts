import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { EngineError } from '../../errors.js';
import type { Connection } from '../docker/connection.js';
import { classify, statusOf } from '../docker/errors.js';
import { hasImage } from '../docker/images.js';
import { jsonLines } from '../docker/json-lines.js';
import { buildContext, listFiles, type BakedFile } from './build-context.js';
import { CARRIER_PATH, CARRIER_SOURCE } from './carrier.js';
import { postStream } from './post-stream.js';

interface BaseImage {
  Id: string;
  Config?: { Entrypoint?: string[] | null };
}

/** The image a task runs instead of its own, and the entrypoint it inherits (the carrier wraps it). */
export interface Baked {
  image: string;
  entrypoint: string[];
}

const inFlight = new WeakMap<Connection, Map<string, Promise<string>>>();

/**
 * `base` with files of pond's machine copied in at their paths (pond's query runner and DuckDB, which
 * no node has) and, with `carrier`, the script that hands result folders back. Built once on the
 * manager per base image and file set (named after them: path, size and mtime of every file), then
 * reused; concurrent callers share one build.
 */
export async function bakeImage(conn: Connection, base: string, files: BakedFile[], carrier: boolean): Promise<Baked> {
  const baseImage = await inspectBase(conn, base);
  const listed = await listFiles(files);
  const key = createHash('sha256')
    .update(baseImage.Id)
    .update(JSON.stringify(listed.map((f) => [f.target, f.size, f.mtimeMs])))
    .update(carrier ? CARRIER_SOURCE : '')
    .digest('hex')
    .slice(0, 20);
  const tag = `pond-baked/${repoOf(base)}:${key}`;
  const builds = inFlight.get(conn) ?? new Map<string, Promise<string>>();
  inFlight.set(conn, builds);
  let build = builds.get(tag);
  if (!build) {
    build = ensureBuilt(conn, tag, base, listed, carrier);
    build.catch(() => builds.delete(tag));
    builds.set(tag, build);
  }
  return { image: await build, entrypoint: baseImage.Config?.Entrypoint ?? [] };
}

async function ensureBuilt(
  conn: Connection,
  tag: string,
  base: string,
  files: Awaited<ReturnType<typeof listFiles>>,
  carrier: boolean,
): Promise<string> {
  if (await hasImage(conn, tag)) return tag;
  const extra = carrier ? [{ target: CARRIER_PATH, data: Buffer.from(CARRIER_SOURCE) }] : [];
  const context = buildContext(`FROM ${base}\nCOPY carried/ /\n`, files, extra);
  try {
    await readBuild(await openBuild(conn, tag, context), tag);
  } catch (err) {
    throw classify(
      err,
      conn.endpoint,
      `build of ${tag}`,
      'the build runs on the swarm manager from the image as named',
    );
  }
  return tag;
}

function openBuild(conn: Connection, tag: string, body: NodeJS.ReadableStream): Promise<IncomingMessage> {
  const q = new URLSearchParams({ t: tag, rm: '1', forcerm: '1', pull: '0' });
  return postStream(conn, `/build?${q.toString()}`, { 'Content-Type': 'application/x-tar' }, body);
}

/** The build stream reports a failed step inside a 200 answer: every event is checked. */
async function readBuild(res: IncomingMessage, tag: string): Promise<void> {
  for await (const event of jsonLines<{ error?: string; errorDetail?: { message?: string } }>(res)) {
    const failure = event.errorDetail?.message ?? event.error;
    if (failure) throw new EngineError(`build of ${tag} failed: ${failure}`);
  }
}

async function inspectBase(conn: Connection, base: string): Promise<BaseImage> {
  try {
    return await conn.getJson<BaseImage>(`/images/${encodeURIComponent(base)}/json`);
  } catch (err) {
    if (statusOf(err) === 404)
      throw new EngineError(
        `image ${base} is not on the swarm manager; pond builds the runner's image from it there`,
        undefined,
        `load or pull it on the manager (docker -H <manager> pull ${base}), or set image: to one it has`,
      );
    throw classify(err, conn.endpoint, `inspect image ${base}`);
  }
}

/** `node:22-slim` → `node`, `ghcr.io/a/b:1` → `b`: a readable repository name for the baked image. */
function repoOf(image: string): string {
  const name = image.split('@')[0]!.replace(/:[^/]*$/, '');
  return (name.split('/').pop() ?? 'image').replace(/[^a-z0-9._-]/g, '-') || 'image';
}
