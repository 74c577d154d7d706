import fs from 'node:fs';
import { open } from 'node:fs/promises';
import type { Diagnostic } from '../errors.js';

/**
 * Limits on what pond agrees to read as configuration. A real pond.yaml is a few kilobytes and a few
 * levels deep; anything far past that is a wrong file or an attack, and is refused at a location
 * before the YAML parser (whose recursion and memory are not bounded by the file) sees it.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Nesting of mappings and lists; pond's own keys need about six, user data (labels, config:) a few more. */
export const MAX_DEPTH = 64;

/** A DNS label's length: workload names are network aliases, `project-workload` a container's DNS name. */
export const MAX_NAME_LENGTH = 63;

/**
 * The file's bytes, or undefined when it holds more than MAX_FILE_BYTES. Reads at most one byte past
 * the cap, so a device or a pipe given as -f (/dev/zero, `<(cmd)`) is refused instead of read forever.
 * A regular file is read at once, synchronously: a few kilobytes from the page cache cost less than
 * the thread pool's round trips, which wait behind whatever else the machine runs (the engine
 * answering pond's first calls, on a no-op); anything else is read asynchronously, so a pipe that
 * is slow to write does not hold the process (its signal handlers included).
 */
export async function readCapped(file: string): Promise<Buffer | undefined> {
  const stat = fs.statSync(file);
  if (stat.isFile()) return readRegular(file, stat.size);
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled > MAX_FILE_BYTES ? undefined : buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** A regular file, read to its end or one byte past the cap (it may grow between the stat and the read). */
function readRegular(file: string, size: number): Buffer | undefined {
  if (size > MAX_FILE_BYTES) return undefined;
  const fd = fs.openSync(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.min(size + 1, MAX_FILE_BYTES + 1));
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (buffer.length > MAX_FILE_BYTES) break;
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const read = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return filled > MAX_FILE_BYTES ? undefined : buffer.subarray(0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

export function tooLarge(file: string): Diagnostic {
  return {
    code: 'file-too-large',
    message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; refusing to read it as configuration`,
    hint: 'a pond.yaml is a few kilobytes: check that -f names the right file',
    location: { file, line: 1, col: 1 },
    severity: 'error',
  };
}
