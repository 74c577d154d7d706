import fs from 'node:fs';
import path from 'node:path';

/** One saved line of a removed container's output: when the engine stamped it, and its text. */
export interface SavedLine {
  time: string;
  text: string;
}

/**
 * How much of a removed container's output is kept: enough to see why it was replaced or what it
 * printed last, small enough that a chatty workload cannot fill the disk with `.pond/logs`.
 */
export const SAVED_LIMITS = { lines: 1_000, bytes: 1024 * 1024 } as const;

/** `.pond/logs/<workload>.log`, next to pond.yaml (like `.pond/runs`). */
export function savedLogPath(projectDir: string, workload: string): string {
  return path.join(projectDir, '.pond', 'logs', `${workload}.log`);
}

/** The newest lines that fit both limits, oldest first; a single line over the byte limit keeps its end. Pure. */
export function bounded(lines: SavedLine[], limits: { lines: number; bytes: number } = SAVED_LIMITS): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && kept.length < limits.lines; i--) {
    const line = `${lines[i]!.time} ${lines[i]!.text.replace(/\n/g, ' ')}\n`;
    const size = Buffer.byteLength(line);
    if (bytes + size > limits.bytes) {
      if (!kept.length)
        kept.push(
          Buffer.from(line)
            .subarray(size - limits.bytes)
            .toString('utf8'),
        );
      break;
    }
    kept.push(line);
    bytes += size;
  }
  return kept.reverse();
}

/** Replaces the workload's saved lines (written aside, then renamed: a reader never sees half a file). */
export function saveLines(projectDir: string, workload: string, lines: SavedLine[]): void {
  const file = savedLogPath(projectDir, workload);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bounded(lines).join(''));
  fs.renameSync(tmp, file);
}

const LINE = /^(\S+) (.*)$/s;

/** The saved lines of a workload; none when nothing was saved (or the file is unreadable). */
export function readSaved(projectDir: string, workload: string): SavedLine[] {
  let text: string;
  try {
    text = fs.readFileSync(savedLogPath(projectDir, workload), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = LINE.exec(l);
      return m ? { time: m[1]!, text: m[2]! } : { time: '', text: l };
    });
}

/** Workloads that have saved lines, so `pond logs W` works for one whose container is gone. */
export function savedWorkloads(projectDir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(projectDir, '.pond', 'logs'))
      .filter((f) => f.endsWith('.log'))
      .map((f) => f.slice(0, -4));
  } catch {
    return [];
  }
}
