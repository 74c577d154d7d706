import fs from 'node:fs';
import type { StdioStreams } from '../engine/types.js';

/** How `pond exec` and `pond run` wire this process's terminal or pipes to the command; `restore` undoes raw mode. */
export interface ExecStdio {
  tty: boolean;
  stdin?: NodeJS.ReadableStream;
  resize?: StdioStreams['resize'];
  restore: () => void;
}

/**
 * A TTY when stdin is one (unless -T): stdin goes raw so keys (Ctrl-C too) reach the command, and the
 * terminal's size follows it. Without one, stdin is still forwarded when it is a pipe, socket or file
 * (`echo 'select 1' | pond exec db psql`); a terminal or /dev/null is not read at all.
 */
export function execStdio(noTty: boolean): ExecStdio {
  const stdin = process.stdin;
  if (noTty || !stdin.isTTY) return { tty: false, ...(readable(0) && { stdin }), restore: () => undefined };
  stdin.setRawMode(true);
  return {
    tty: true,
    stdin,
    resize: process.stdout.isTTY ? followSize : undefined,
    restore: () => stdin.setRawMode(false),
  };
}

/** A terminal that reports no size (0×0, as a bare pty does) leaves the engine's default in place. */
function followSize(apply: (size: { rows: number; cols: number }) => void): () => void {
  const send = (): void => {
    const { rows, columns } = process.stdout;
    if (rows > 0 && columns > 0) apply({ rows, cols: columns });
  };
  send();
  process.stdout.on('resize', send);
  return () => process.stdout.off('resize', send);
}

function readable(fd: number): boolean {
  try {
    const s = fs.fstatSync(fd);
    return s.isFIFO() || s.isFile() || s.isSocket();
  } catch {
    return false;
  }
}
