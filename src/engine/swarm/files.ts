import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import type { Mount, TaskSpec } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { ensureNamed } from './named-object.js';
import { byText } from '../../canonical.js';

/** On a Swarm config pond made from a host file: the service it was made for (so old ones can go). */
export const FILE_OF = 'dev.pond.file-of';
/** Swarm keeps a config up to 500 KB; a task should not carry a whole tree either. */
const MAX_FILE_BYTES = 500 * 1024;
const MAX_FILES = 200;

export interface ConfigRef {
  File: { Name: string; UID: string; GID: string; Mode: number };
  ConfigID: string;
  ConfigName: string;
}

/**
 * A read-only bind of project files, which no node has, as Swarm configs: one per file, named after
 * its content (an edited file is a new config, so the service rolls to it), mounted at the same path
 * in the task. The binds it replaces leave the mounts; a writable bind was refused at validate.
 */
export async function withFiles(conn: Connection, spec: TaskSpec): Promise<{ mounts: Mount[]; refs: ConfigRef[] }> {
  const copied = spec.mounts.filter((m): m is Extract<Mount, { type: 'bind' }> => m.type === 'bind' && m.readOnly);
  if (copied.length === 0) return { mounts: spec.mounts, refs: [] };
  const files = (await Promise.all(copied.map((m) => filesUnder(m.source, m.target)))).flat();
  if (files.length > MAX_FILES)
    throw new EngineError(
      `${spec.name}: ${files.length} files under its read-only mounts; a cluster task carries at most ${MAX_FILES}`,
      undefined,
      'mount only what it reads, or bake the files into its image',
    );
  const refs: ConfigRef[] = [];
  for (const f of files) refs.push(await ensureConfig(conn, spec, f));
  return { mounts: spec.mounts.filter((m) => !copied.includes(m as Extract<Mount, { type: 'bind' }>)), refs };
}

interface HostFile {
  source: string;
  target: string;
}

async function filesUnder(source: string, target: string): Promise<HostFile[]> {
  const stat = await fs.stat(source).catch(() => undefined);
  if (!stat) throw new EngineError(`${source} does not exist on pond's machine, so it cannot be copied to the task`);
  if (stat.isFile()) return [{ source, target }];
  const out: HostFile[] = [];
  for (const entry of await fs.readdir(source, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out.push({ source: abs, target: path.posix.join(target, path.relative(source, abs).split(path.sep).join('/')) });
  }
  return out.sort((a, b) => byText(a.target, b.target));
}

async function ensureConfig(conn: Connection, spec: TaskSpec, f: HostFile): Promise<ConfigRef> {
  const data = await fs.readFile(f.source);
  if (data.length > MAX_FILE_BYTES)
    throw new EngineError(
      `${spec.name}: ${f.source} is ${Math.round(data.length / 1024)} KB; a Swarm config holds at most 500 KB`,
      undefined,
      'bake large files into the image, or put them on a named volume',
    );
  const digest = createHash('sha256').update(f.target).update('\0').update(data).digest('hex').slice(0, 24);
  const name = `${digest}.pond-file`;
  const ref = (id: string): ConfigRef => ({
    File: { Name: f.target, UID: '0', GID: '0', Mode: 0o444 },
    ConfigID: id,
    ConfigName: name,
  });
  return ref(await ensureNamed(conn, 'configs', name, data, spec, FILE_OF));
}
