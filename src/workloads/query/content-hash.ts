import { createHash } from 'node:crypto';
import { addContent } from '../content-hash.js';

/**
 * sha256 over the SQL and every input's content, so a query re-runs exactly when what it reads
 * changed. Its own output file is left out: written inside an input folder, it would otherwise make
 * every run look like a change and re-run the query forever.
 */
export function queryHash(sql: string, inputs: string[], dir: string, output: string): string {
  const hash = createHash('sha256').update(`sql\0${sql}\0`);
  for (const input of [...inputs].sort()) addContent(hash, dir, input, new Set([output]));
  return hash.digest('hex').slice(0, 16);
}
