import type { Readable } from 'node:stream';
import type { Connection } from './connection.js';
import { classify, statusOf } from './errors.js';

/**
 * One file out of a container, running or stopped (the engine's archive API answers with a tar).
 * Resolves undefined when the path does not exist; a directory yields its first regular file's bytes
 * only if it holds nothing else, so callers name files, not folders.
 */
export async function copyFromContainer(conn: Connection, id: string, path: string): Promise<Buffer | undefined> {
  let stream: Readable;
  try {
    stream = await conn.stream('GET', `/containers/${encodeURIComponent(id)}/archive?path=${encodeURIComponent(path)}`);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw classify(err, conn.endpoint, `copy ${path} from container ${id}`);
  }
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return firstFile(Buffer.concat(chunks));
}

/** The bytes of the only regular file in a tar; undefined when there is none or more than one. Pure. */
export function firstFile(tar: Buffer): Buffer | undefined {
  const files: Buffer[] = [];
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    if (type === '0' || type === '\0') files.push(tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files.length === 1 ? files[0] : undefined;
}
