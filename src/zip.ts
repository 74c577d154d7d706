import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';

let fflate: typeof Fflate | undefined;

/**
 * fflate's unzipSync, with fflate loaded on first use: as it loads it builds its Huffman tables and
 * requires worker_threads, ~5 ms of every command's start, and only a bot whose code is a .zip
 * needs it. A dependency (not bundled) so that it can load late.
 */
export function unzipSync(data: Uint8Array, opts?: Fflate.UnzipOptions): Fflate.Unzipped {
  fflate ??= createRequire(import.meta.url)('fflate') as typeof Fflate;
  return fflate.unzipSync(data, opts);
}
