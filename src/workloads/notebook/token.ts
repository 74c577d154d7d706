import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PondError } from '../../errors.js';
import type { ProjectSpec } from '../../model/types.js';

/** Tokens drawn by this process and not yet written, by token file: a reload before the write draws no other. */
const drawn = new Map<string, string>();

/**
 * A notebook's access token when pond.yaml sets none: made once per project folder and workload and
 * kept in `.pond/notebook/<name>.token` (mode 0600), so a bookmarked URL keeps working across `up`s
 * and the container is not replaced for a new token. Loading only reads it, or draws one in memory
 * (the same one for every load in this process); `saveNewTokens`, called by the commands that create
 * containers, writes what was drawn, so `plan` hashes the value `up` then writes and uses.
 */
export function tokenFor(dir: string, workload: string): { token: string; isNew: boolean } {
  const file = tokenFile(dir, workload);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return { token: existing, isNew: false };
  } catch {
    // not made yet
  }
  const token = drawn.get(file) ?? randomBytes(24).toString('hex');
  drawn.set(file, token);
  return { token, isNew: true };
}

/**
 * Writes the tokens drawn for this load. Another pond that wrote a different one first would leave
 * this process creating a container with a token the file does not hold: refused, to be run again.
 */
export function saveNewTokens(spec: ProjectSpec): void {
  for (const w of spec.workloads) {
    if (!w.notebook?.newToken) continue;
    const file = tokenFile(spec.dir, w.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${w.notebook.token}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (fs.readFileSync(file, 'utf8').trim() !== w.notebook.token)
        throw new PondError(
          `another pond gave notebook "${w.name}" its token (${file}) meanwhile`,
          'run the command again',
        );
    }
    drawn.delete(file);
  }
}

function tokenFile(dir: string, workload: string): string {
  return path.join(dir, '.pond', 'notebook', `${workload}.token`);
}
