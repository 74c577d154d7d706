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
 * the cap, so a device or a pipe given as -f (/dev/zero) is refused instead of read forever.
 */
export async function readCapped(file: string): Promise<Buffer | undefined> {
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

export function tooLarge(file: string): Diagnostic {
  return {
    code: 'file-too-large',
    message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; refusing to read it as configuration`,
    hint: 'a pond.yaml is a few kilobytes: check that -f names the right file',
    location: { file, line: 1, col: 1 },
    severity: 'error',
  };
}
