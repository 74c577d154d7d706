import path from 'node:path';

export interface FileEvent {
  file: string;
  kind: 'add' | 'change' | 'unlink';
}

export interface FileWatch {
  /** Replaces the watched set (a save may add or drop an env_file). */
  update(files: string[]): void;
  close(): Promise<void>;
}

/**
 * Watches files through their folders, not their inodes, so an editor's atomic save (write a temp
 * file, rename it over the original) is seen as a change of the original. chokidar is imported here
 * only, when watching starts.
 */
export async function watchFiles(files: string[], onEvent: (e: FileEvent) => void): Promise<FileWatch> {
  const { watch } = await import('chokidar');
  let wanted = new Set(files.map((f) => path.resolve(f)));
  const dirs = (): string[] => [...new Set([...wanted].map((f) => path.dirname(f)))];
  let watched = dirs();
  const watcher = watch(watched, {
    ignoreInitial: true,
    depth: 0,
    ignored: (p: string) => !wanted.has(p) && !watched.includes(p),
  });
  for (const kind of ['add', 'change', 'unlink'] as const) {
    watcher.on(kind, (file: string) => {
      if (wanted.has(path.resolve(file))) onEvent({ file: path.resolve(file), kind });
    });
  }
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    update(next) {
      wanted = new Set(next.map((f) => path.resolve(f)));
      const nextDirs = dirs();
      watcher.add(nextDirs.filter((d) => !watched.includes(d)));
      watched = [...new Set([...watched, ...nextDirs])];
    },
    close: () => watcher.close(),
  };
}
