import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { addContent } from '../content-hash.js';

/**
 * A content hash of the bot's code: a folder (see addContent) or a .zip (its bytes). Equal code ⇔
 * equal hash, so a touch does not replace the bot and an edit always does.
 */
export function codeHash(source: string): string {
  const h = createHash('sha256');
  if (fs.statSync(source).isFile()) return h.update(fs.readFileSync(source)).digest('hex');
  addContent(h, source);
  return h.digest('hex');
}
