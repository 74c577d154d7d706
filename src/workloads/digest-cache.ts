import type { BigIntStats } from 'node:fs';

/** Bumped whenever the meaning of an entry changes: a cache of another version is ignored and rebuilt. */
export const DIGEST_CACHE_VERSION = 1;

/**
 * A file's identity as far as its bytes go: size, mtime and ctime in ns, inode and device. ctime
 * catches content rewritten with the mtime set back (utimes cannot set ctime); the inode catches a
 * file replaced by another of the same name, size and times.
 */
export function fingerprint(st: BigIntStats): string {
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.dev}`;
}

interface FileEntry {
  fp: string;
  sha256: string;
}

interface Stored {
  version: number;
  files: Record<string, FileEntry>;
  combined: Record<string, string>;
}

/**
 * Per-file content digests keyed by project-relative path and fingerprint, plus the query hashes
 * already computed for a set of digests, so a load reads only the bytes of files that changed (and
 * none at all when nothing did). Kept in memory by one load; what that load did not use is dropped
 * when it is saved, and `changed` says whether saving would write anything new. Invariant: an entry
 * is only ever trusted when its whole fingerprint matches the file's lstat now.
 */
export class DigestCache {
  private readonly used = { files: new Map<string, FileEntry>(), combined: new Map<string, string>() };
  private dirty = false;

  private constructor(
    readonly dir: string,
    private stored: Stored,
  ) {}

  static empty(dir: string): DigestCache {
    return new DigestCache(dir, { version: DIGEST_CACHE_VERSION, files: {}, combined: {} });
  }

  /** A cache from its saved text; a corrupt one or another version's is an empty cache. */
  static parse(dir: string, text: string): DigestCache {
    try {
      const data = JSON.parse(text) as Partial<Stored>;
      if (data?.version !== DIGEST_CACHE_VERSION || !isRecord(data.files) || !isRecord(data.combined))
        return DigestCache.empty(dir);
      const files = Object.fromEntries(
        Object.entries(data.files).filter(
          ([, e]) => isRecord(e) && typeof e.fp === 'string' && typeof e.sha256 === 'string',
        ),
      );
      const combined = Object.fromEntries(Object.entries(data.combined).filter(([, h]) => typeof h === 'string'));
      return new DigestCache(dir, {
        version: DIGEST_CACHE_VERSION,
        files: files as Record<string, FileEntry>,
        combined: combined as Record<string, string>,
      });
    } catch {
      return DigestCache.empty(dir);
    }
  }

  /** The sha256 of the file at `rel` when its fingerprint is the one it was hashed with. */
  digest(rel: string, fp: string): string | undefined {
    const e = this.used.files.get(rel) ?? own(this.stored.files, rel);
    if (e?.fp !== fp) return undefined;
    this.used.files.set(rel, e);
    return e.sha256;
  }

  rememberDigest(rel: string, fp: string, sha256: string): void {
    const before = own(this.stored.files, rel);
    if (before?.fp !== fp || before.sha256 !== sha256) this.dirty = true;
    this.used.files.set(rel, { fp, sha256 });
  }

  /** The query hash once computed for this manifest (SQL, paths, types and digests). */
  combined(manifest: string): string | undefined {
    const h = this.used.combined.get(manifest) ?? own(this.stored.combined, manifest);
    if (h !== undefined) this.used.combined.set(manifest, h);
    return h;
  }

  rememberCombined(manifest: string, hash: string): void {
    if (own(this.stored.combined, manifest) !== hash) this.dirty = true;
    this.used.combined.set(manifest, hash);
  }

  /** Whether the saved text would differ from what was read: something new, or something no longer used. */
  get changed(): boolean {
    if (this.dirty) return true;
    return (
      this.used.files.size !== Object.keys(this.stored.files).length ||
      this.used.combined.size !== Object.keys(this.stored.combined).length
    );
  }

  /** After a save: what was written is now what is stored, so an unchanged cache is not written twice. */
  settle(): void {
    this.stored = JSON.parse(this.serialize()) as Stored;
    this.dirty = false;
  }

  /** What this load used, in key order (stable text for equal content). */
  serialize(): string {
    const sorted = <T>(m: Map<string, T>): Record<string, T> =>
      Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return `${JSON.stringify({ version: DIGEST_CACHE_VERSION, files: sorted(this.used.files), combined: sorted(this.used.combined) })}\n`;
  }
}

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
