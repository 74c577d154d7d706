import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DigestCache } from './digest-cache.js';

/** Where a project keeps its input digests: beside its other local state, never content itself. */
export function digestCacheFile(dir: string): string {
  return path.join(dir, '.pond', 'cache', 'digests.json');
}

/** The project's digest cache as saved, or an empty one (none yet, unreadable, corrupt, another version). Never writes. */
export function readDigestCache(dir: string): DigestCache {
  try {
    return DigestCache.parse(dir, fs.readFileSync(digestCacheFile(dir), 'utf8'));
  } catch {
    return DigestCache.empty(dir);
  }
}

/**
 * Saves the cache when this load changed it, atomically (a temporary file renamed over the old one),
 * so a reader sees the old cache or the new one, never half of one. A cache is only a shortcut: a
 * folder pond cannot write to costs speed, not the command, so a failed write is left unsaid.
 */
export function saveDigestCache(cache: DigestCache): void {
  if (!cache.changed) return;
  const file = digestCacheFile(cache.dir);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, cache.serialize());
    fs.renameSync(temp, file);
    cache.settle();
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
