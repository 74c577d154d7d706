import fs from 'node:fs';
import path from 'node:path';
import { pack } from 'tar-stream';
import { byText } from '../../canonical.js';

/** A file or folder of pond's machine, and where it appears in the image. */
export interface BakedFile {
  source: string;
  target: string;
}

/** One regular file to copy, found under a BakedFile (symlinks followed, as a bind shows them). */
export interface ListedFile {
  source: string;
  target: string;
  size: number;
  mtimeMs: number;
  mode: number;
}

/** Every regular file under each source, sorted by target, with what names its content cheaply. */
export async function listFiles(files: BakedFile[]): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  const visit = async (source: string, target: string): Promise<void> => {
    const st = await fs.promises.stat(source);
    if (st.isFile()) {
      out.push({ source, target, size: st.size, mtimeMs: st.mtimeMs, mode: st.mode & 0o777 });
      return;
    }
    if (!st.isDirectory()) return;
    for (const name of (await fs.promises.readdir(source)).sort())
      await visit(path.join(source, name), path.posix.join(target, name));
  };
  for (const f of files) await visit(f.source, f.target);
  return out.sort((a, b) => byText(a.target, b.target));
}

/**
 * A build context as a tar stream: the Dockerfile, and each file under `carried/<its target>`,
 * read one at a time (DuckDB's native binding alone is ~70 MB).
 */
export function buildContext(
  dockerfile: string,
  files: ListedFile[],
  extra: { target: string; data: Buffer }[],
): NodeJS.ReadableStream {
  const tar = pack();
  const mtime = new Date(0);
  const name = (target: string): string => path.posix.join('carried', target.replace(/^\/+/, ''));
  void (async () => {
    try {
      tar.entry({ name: 'Dockerfile', mtime }, dockerfile);
      for (const e of extra) tar.entry({ name: name(e.target), mode: 0o444, mtime }, e.data);
      for (const f of files) await addFile(tar, name(f.target), f, mtime);
      tar.finalize();
    } catch (err) {
      tar.destroy(err as Error);
    }
  })();
  return tar;
}

function addFile(tar: ReturnType<typeof pack>, name: string, f: ListedFile, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = tar.entry({ name, size: f.size, mode: f.mode | 0o444, mtime }, (err) =>
      err ? reject(err) : resolve(),
    );
    const read = fs.createReadStream(f.source);
    read.on('error', reject);
    read.pipe(entry);
  });
}
