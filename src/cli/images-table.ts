import type { ImageInfo } from '../engine/types.js';
import { formatBytes } from './stats.js';

/** One row of `pond images`: a workload's container and the image it was created from. */
export interface ImageRow {
  workload: string;
  container: string;
  repository: string;
  tag: string;
  /** Full "sha256:…" id; the table shows its first 12 hex digits, as docker does. */
  id: string;
  /** null when the engine no longer has the image (removed since the container was made). */
  size_bytes: number | null;
}

/**
 * Repository and tag of an image reference. The tag is after the last ":" of the last path segment
 * (so a registry's port is not a tag); untagged means "latest"; a digest reference has no tag.
 */
export function splitReference(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), tag: '<none>' };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

/** "1908d038705b": docker's short form of an image id. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * The row for a container whose configured image is `ref`. When the engine lists the container by
 * image id (its tag moved on or was removed), the name comes from the image's own tags, if any.
 */
export function imageRow(
  workload: string,
  container: string,
  ref: string,
  imageId: string | undefined,
  info: ImageInfo | undefined,
): ImageRow {
  const named = ref.startsWith('sha256:') ? info?.repoTags[0] : ref;
  const { repository, tag } = named ? splitReference(named) : { repository: '<none>', tag: '<none>' };
  return {
    workload,
    container,
    repository,
    tag,
    id: info?.id ?? imageId ?? ref,
    size_bytes: info ? info.sizeBytes : null,
  };
}

export function imagesTable(rows: ImageRow[]): string[][] {
  return [
    ['WORKLOAD', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'],
    ...rows.map((r) => [
      r.workload,
      r.repository,
      r.tag,
      shortImageId(r.id),
      r.size_bytes === null ? '-' : formatBytes(r.size_bytes),
    ]),
  ];
}
