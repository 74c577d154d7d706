import fs from 'node:fs';
import path from 'node:path';

export interface FileEvent {
  file: string;
  kind: 'add' | 'change' | 'unlink';
}

export interface FileWatch {
  /** Replaces the watched set (a save may add or drop an env_file, a query's input, a bot's code). */
  update(files: string[]): void;
  close(): Promise<void>;
}

/**
 * Watches files through their folders, not their inodes, so an editor's atomic save (write a temp
 * file, rename it over the original) is seen as a change of the original. A source that is a folder
 * (a query's input folder, a bot's code) is watched with everything under it. chokidar is imported
 * here only, when watching starts.
 */
export async function watchFiles(sources: string[], onEvent: (e: FileEvent) => void): Promise<FileWatch> {
  const { watch } = await import('chokidar');
  const split = (list: string[]): { files: Set<string>; trees: Set<string> } => {
    const all = list.map((f) => path.resolve(f));
    const trees = new Set(all.filter(isFolder));
    return { files: new Set(all.filter((f) => !trees.has(f))), trees };
  };
  let { files, trees } = split(sources);
  const dirs = (): string[] => [...new Set([...files].map((f) => path.dirname(f)))];
  let watched = dirs();
  const fileWatcher = watch(watched, {
    ignoreInitial: true,
    depth: 0,
    ignored: (p: string) => !files.has(p) && !watched.includes(p),
  });
  for (const kind of ['add', 'change', 'unlink'] as const) {
    fileWatcher.on(kind, (file: string) => {
      if (files.has(path.resolve(file))) onEvent({ file: path.resolve(file), kind });
    });
  }
  // Folders get a watcher of their own (no depth limit), made only once there is one to watch.
  let treeWatcher: ReturnType<typeof watch> | undefined;
  const watchTrees = async (): Promise<void> => {
    if (!trees.size) return;
    if (treeWatcher) return void treeWatcher.add([...trees]);
    treeWatcher = watch([...trees], { ignoreInitial: true });
    for (const kind of ['add', 'change', 'unlink'] as const) {
      treeWatcher.on(kind, (file: string) => {
        const abs = path.resolve(file);
        if ([...trees].some((t) => abs === t || abs.startsWith(t + path.sep))) onEvent({ file: abs, kind });
      });
    }
    await ready(treeWatcher);
  };
  await Promise.all([ready(fileWatcher), watchTrees()]);
  return {
    update(next) {
      const before = [...trees].join('\0');
      ({ files, trees } = split(next));
      const added = dirs().filter((d) => !watched.includes(d));
      if (added.length) fileWatcher.add(added);
      watched = [...watched, ...added];
      if ([...trees].join('\0') !== before) void watchTrees();
    },
    close: async () => {
      await Promise.all([fileWatcher.close(), treeWatcher?.close()]);
    },
  };
}

function ready(w: { once(event: 'ready', fn: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => void w.once('ready', () => resolve()));
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}
