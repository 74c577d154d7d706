import { createHash } from 'node:crypto';
import path from 'node:path';
import { CARRY_MARK } from './carrier.js';

/** One file a run handed back: which of its result folders, the path inside it, the bytes. */
export interface CarriedFile {
  dir: number;
  rel: string;
  data: Buffer;
}

export type Decoded = { ok: true; files: CarriedFile[] } | { ok: false; why: string };

/** A line of the run's output that the carrier wrote (the rest is the run's own output). */
export const isCarried = (text: string): boolean => text.startsWith(CARRY_MARK);

/**
 * The files in the carrier's lines, checked whole: numbered lines with none missing, up to the end
 * line, each file's size and sha256 as announced, and a path that stays inside its folder (the task
 * is not trusted to name where pond writes). Pure.
 */
export function decodeCarried(texts: string[]): Decoded {
  const numbered = new Map<number, string>();
  for (const t of texts.filter(isCarried)) {
    const rest = t.slice(CARRY_MARK.length);
    const space = rest.indexOf(' ');
    numbered.set(Number(rest.slice(0, space)), rest.slice(space + 1));
  }
  const files: CarriedFile[] = [];
  let open: { dir: number; rel: string; size: number; sha: string; chunks: Buffer[] } | undefined;
  const close = (): string | undefined => {
    if (!open) return undefined;
    const data = Buffer.concat(open.chunks);
    const sha = createHash('sha256').update(data).digest('hex');
    if (data.length !== open.size || sha !== open.sha) return `${open.rel} came back damaged`;
    files.push({ dir: open.dir, rel: open.rel, data });
    open = undefined;
    return undefined;
  };
  for (let n = 0; ; n++) {
    const line = numbered.get(n);
    if (line === undefined) return { ok: false, why: 'the run ended before its result files were all printed' };
    const [kind, ...f] = line.split(' ');
    if (kind === 'data' && open) {
      open.chunks.push(Buffer.from(f[0] ?? '', 'base64'));
      continue;
    }
    const damaged = close();
    if (damaged) return { ok: false, why: damaged };
    if (kind === 'end')
      return Number(f[0]) === files.length ? { ok: true, files } : { ok: false, why: 'a file is missing' };
    if (kind !== 'file') return { ok: false, why: `an unknown line in the result: ${kind}` };
    const rel = Buffer.from(f[1] ?? '', 'base64').toString();
    if (!safeRelative(rel)) return { ok: false, why: `the run named a result file outside its folder: ${rel}` };
    open = { dir: Number(f[0]), rel, size: Number(f[2]), sha: f[3] ?? '', chunks: [] };
  }
}

function safeRelative(rel: string): boolean {
  if (rel === '' || path.posix.isAbsolute(rel) || rel.includes('\0')) return false;
  return !path.posix.normalize(rel).split('/').includes('..');
}
