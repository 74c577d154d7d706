import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { addContent, contentEntries, entryHeader, type ContentEntry } from '../content-hash.js';
import { fingerprint, type DigestCache } from '../digest-cache.js';
import { readChunks, type ReadChunks } from './read-chunks.js';

/**
 * How a query hash may skip reading bytes. `read` and `now` are injectable so tests can count reads
 * and say how old a file is.
 */
export interface HashOptions {
  cache?: DigestCache;
  read?: ReadChunks;
  now?: () => number;
}

/**
 * A file modified this recently (ms) may change again within its timestamp's granularity without its
 * fingerprint changing, so its digest is not kept (git calls this "racily clean"); the next load reads it again.
 */
export const RACY_MS = 2000;

/**
 * sha256 over the SQL and every input's content, so a query re-runs exactly when what it reads
 * changed. Its own output file is left out: written inside an input folder, it would otherwise make
 * every run look like a change and re-run the query forever. With a cache, the value is the same
 * (a pure function of the content) but only files whose fingerprint changed are read, and none
 * when the cache already knows the hash for the digests found.
 */
export function queryHash(sql: string, inputs: string[], dir: string, output: string, o: HashOptions = {}): string {
  if (!o.cache) {
    const hash = createHash('sha256').update(`sql\0${sql}\0`);
    for (const input of [...inputs].sort()) addContent(hash, dir, input, new Set([output]));
    return hash.digest('hex').slice(0, 16);
  }
  const entries = [...inputs].sort().flatMap((input) => contentEntries(dir, input, new Set([output])));
  return new CachedHash(sql, entries, o.cache, o.read ?? readChunks, o.now ?? Date.now).value();
}

class CachedHash {
  private readonly digests = new Map<string, string>();
  private readonly links = new Map<string, string>();

  constructor(
    private readonly sql: string,
    private readonly entries: ContentEntry[],
    private readonly cache: DigestCache,
    private readonly read: ReadChunks,
    private readonly now: () => number,
  ) {}

  value(): string {
    const files = this.entries.filter((e) => e.type !== 'link');
    for (const e of this.entries) {
      if (e.type === 'link') this.links.set(e.rel, fs.readlinkSync(e.abs));
      else this.known(e);
    }
    const missing = files.filter((e) => !this.digests.has(e.rel));
    // Nothing cached at all (a first load, or everything changed): one pass over the bytes does both.
    if (missing.length && missing.length === files.length) return this.stream(new Set(missing.map((e) => e.rel)));
    for (const e of missing) this.digestOf(e);
    const known = this.cache.combined(this.manifest());
    if (known !== undefined) return known;
    return this.stream(new Set(missing.map((e) => e.rel)));
  }

  private known(e: ContentEntry): void {
    const d = this.cache.digest(e.rel, fingerprint(e.stat));
    if (d !== undefined) this.digests.set(e.rel, d);
  }

  private digestOf(e: ContentEntry): void {
    const h = createHash('sha256');
    this.read(e.abs, (chunk) => h.update(chunk));
    this.keep(e, h.digest('hex'));
  }

  /** The hash as it always was: every byte in walk order; files in `fresh` get their digest on the way. */
  private stream(fresh: ReadonlySet<string>): string {
    const hash = createHash('sha256').update(`sql\0${this.sql}\0`);
    for (const e of this.entries) {
      hash.update(entryHeader(e));
      if (e.type === 'link') hash.update(this.links.get(e.rel)!);
      else this.feed(hash, e, fresh.has(e.rel));
      hash.update('\0');
    }
    const value = hash.digest('hex').slice(0, 16);
    if (this.entries.every(unchangedSince)) this.cache.rememberCombined(this.manifest(), value);
    return value;
  }

  private feed(hash: Hash, e: ContentEntry, fresh: boolean): void {
    const own = fresh ? createHash('sha256') : undefined;
    this.read(e.abs, (chunk) => {
      hash.update(chunk);
      own?.update(chunk);
    });
    if (own) this.keep(e, own.digest('hex'));
  }

  private keep(e: ContentEntry, sha256: string): void {
    this.digests.set(e.rel, sha256);
    const newest = e.stat.mtimeMs > e.stat.ctimeMs ? e.stat.mtimeMs : e.stat.ctimeMs;
    if (Number(newest) < this.now() - RACY_MS && unchangedSince(e))
      this.cache.rememberDigest(e.rel, fingerprint(e.stat), sha256);
  }

  /** SQL, then each entry's path, type and digest (or link target): equal manifests ⇔ equal hash input. */
  private manifest(): string {
    const h = createHash('sha256').update(`pond-query-manifest-1\0sql\0${this.sql}\0`);
    for (const e of this.entries)
      h.update(`${entryHeader(e)}${e.type === 'link' ? this.links.get(e.rel) : this.digests.get(e.rel)}\0`);
    return h.digest('hex');
  }
}

/** Whether the entry still has the fingerprint it was walked with: bytes read meanwhile are the bytes it names. */
function unchangedSince(e: ContentEntry): boolean {
  const now = fs.lstatSync(e.abs, { bigint: true, throwIfNoEntry: false });
  return now !== undefined && fingerprint(now) === fingerprint(e.stat);
}
