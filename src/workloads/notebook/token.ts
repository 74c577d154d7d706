import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The notebook's access token when pond.yaml sets none: made once per project folder and workload,
 * kept in `.pond/notebook/<name>.token` (mode 0600), so the URL a person bookmarked keeps working
 * across `up`s and the container is not replaced for a new token. The only file the expansion writes.
 */
export function storedToken(dir: string, workload: string): string {
  const file = path.join(dir, '.pond', 'notebook', `${workload}.token`);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    // not made yet
  }
  const token = randomBytes(24).toString('hex');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim(); // another pond made it first
    throw e;
  }
  return token;
}
