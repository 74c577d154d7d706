import type { IncomingMessage } from 'node:http';
import { EngineError } from '../../errors.js';
import type { Connection } from '../docker/connection.js';
import { classify } from '../docker/errors.js';
import { progressReporter, type LayerEvent } from '../docker/images.js';
import { jsonLines } from '../docker/json-lines.js';
import { postStream } from './post-stream.js';
import type { RegistryTarget } from './registry-ref.js';

const PUSH_HINT =
  'check that the registry answers from the manager and that its dockerd trusts it (insecure-registries)';
/** The engine wants an auth header on every push; an empty config means "anonymous". */
const ANONYMOUS = Buffer.from('{}').toString('base64');

interface PushEvent extends LayerEvent {
  aux?: { Digest?: string };
}

/**
 * Tags the manager's `image` as `target` and pushes it; resolves with the manifest digest the push
 * stream reports (its aux record). The engine reports a failed push inside a 200 stream, so each
 * event is checked for an error.
 */
export async function tagAndPush(
  conn: Connection,
  image: string,
  target: RegistryTarget,
  onProgress?: (line: string) => void,
): Promise<string> {
  const q = new URLSearchParams({ repo: target.repo, tag: target.tag });
  try {
    await conn.call('POST', `/images/${encodeURIComponent(image)}/tag?${q.toString()}`, undefined, { retry: true });
    const res = await openPush(conn, target);
    const what = `push of ${image} to ${target.repo}`;
    const digest = await readDigest(res, what, progressReporter('pushing', `${target.repo}:${target.tag}`, onProgress));
    if (digest) return digest;
    throw new EngineError(`push of ${image} to ${target.repo} reported no digest`, undefined, PUSH_HINT);
  } catch (err) {
    throw classify(err, conn.endpoint, `push of ${image} to ${target.repo}`, PUSH_HINT);
  }
}

function openPush(conn: Connection, target: RegistryTarget): Promise<IncomingMessage> {
  const path = `/images/${encodeURIComponent(target.repo)}/push?tag=${encodeURIComponent(target.tag)}`;
  return postStream(conn, path, { 'X-Registry-Auth': ANONYMOUS });
}

/** The push stream's last aux Digest; an error event anywhere fails the push. */
async function readDigest(
  res: IncomingMessage,
  what: string,
  report: (e: PushEvent) => void,
): Promise<string | undefined> {
  let digest: string | undefined;
  for await (const event of jsonLines<PushEvent>(res)) {
    const failure = event.errorDetail?.message ?? event.error;
    if (failure) throw new EngineError(`${what} failed: ${failure}`, undefined, PUSH_HINT);
    if (event.aux?.Digest) digest = event.aux.Digest;
    report(event);
  }
  return digest;
}
