import fs from 'node:fs';

/** Hands a file's bytes to `onChunk` in order; a chunk is only valid during the call. */
export type ReadChunks = (file: string, onChunk: (chunk: Buffer) => void) => void;

const CHUNK = 1 << 20;
let buffer: Buffer | undefined;

/** Reads through one reused 1 MiB buffer, so hashing a 500 MB input never holds it in memory. */
export const readChunks: ReadChunks = (file, onChunk) => {
  buffer ??= Buffer.allocUnsafe(CHUNK);
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = fs.readSync(fd, buffer, 0, CHUNK, null); n > 0; n = fs.readSync(fd, buffer, 0, CHUNK, null))
      onChunk(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
};
