import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectSpec } from '../../model/types.js';

/**
 * A notebook's access token when pond.yaml sets none: made once per project folder and workload and
 * kept in `.pond/notebook/<name>.token` (mode 0600), so a bookmarked URL keeps working across `up`s
 * and the container is not replaced for a new token. The expansion only reads it (or draws a new one);
 * `saveNewTokens` writes it once the whole project has loaded, so a bad config writes nothing.
 */
export function tokenFor(dir: string, workload: string): { token: string; isNew: boolean } {
  try {
    const existing = fs.readFileSync(tokenFile(dir, workload), 'utf8').trim();
    if (existing) return { token: existing, isNew: false };
  } catch {
    // not made yet
  }
  return { token: randomBytes(24).toString('hex'), isNew: true };
}

/** Writes the tokens drawn for this load; one another pond wrote first wins on the next load. */
export function saveNewTokens(spec: ProjectSpec): void {
  for (const w of spec.workloads) {
    if (!w.notebook?.newToken) continue;
    const file = tokenFile(spec.dir, w.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${w.notebook.token}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function tokenFile(dir: string, workload: string): string {
  return path.join(dir, '.pond', 'notebook', `${workload}.token`);
}
