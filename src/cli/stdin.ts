import { MAX_FILE_BYTES } from '../config/caps.js';

/**
 * All of stdin, for `-f -`; at most one byte past the config cap, so `pond -f - < /dev/zero` ends
 * (config/load.ts then refuses the size at a location).
 */
export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(b);
    size += b.length;
    if (size > MAX_FILE_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_FILE_BYTES + 1);
}
