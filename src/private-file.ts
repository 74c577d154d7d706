/**
 * Files only their owner may read or write, for pond's caches (the V8 code cache, parsed config
 * files): read only when they are the user's own and no one else may write them, written through a
 * temporary name into a 0700 folder, mode 0600. Both never throw; a cache that cannot be used is skipped.
 */
import fs from 'node:fs';

/** The file's bytes, when it is the user's own and no one else may write it; else undefined. */
export function readPrivate(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const st = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if ((uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
    const bytes = Buffer.allocUnsafe(st.size);
    let at = 0;
    while (at < st.size) {
      const n = fs.readSync(fd, bytes, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === st.size ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes `file` in `dir` (made 0700 when missing) through a temporary name; false when it could not. */
export function writePrivate(dir: string, file: string, bytes: Buffer | string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}
