import type { ImageInfo } from '../types.js';
import type { Connection } from './connection.js';
import { classify, statusOf } from './errors.js';

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  Size?: number;
}

/** One image inspect; a 404 (removed, or never pulled) is undefined rather than an error. */
export async function inspectImage(conn: Connection, ref: string): Promise<ImageInfo | undefined> {
  try {
    const raw = await conn.getJson<RawImage>(`/images/${encodeURIComponent(ref)}/json`);
    return { id: raw.Id, repoTags: raw.RepoTags ?? [], sizeBytes: raw.Size ?? 0 };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw classify(err, conn.endpoint, `inspect image ${ref}`);
  }
}
