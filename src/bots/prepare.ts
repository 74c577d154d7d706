import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from '../zip.js';
import type { ProjectSpec } from '../model/types.js';

/**
 * Extracts every bot's .zip code into its `.pond/code/<bot>/<hash>/` folder, once per content hash,
 * before any container that mounts it is created. An older extraction stays (a running bot may still
 * mount it until its replace). Called by up, watch and run; plan and validate never write.
 */
export function prepareBots(spec: ProjectSpec): void {
  for (const w of spec.workloads) {
    const code = w.bot?.code;
    if (!code?.zip || fs.existsSync(code.mount)) continue;
    const tmp = `${code.mount}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(code.source)))) {
      const target = path.resolve(tmp, name);
      if (!target.startsWith(tmp + path.sep)) continue; // "../" entries would escape the folder: never written
      if (name.endsWith('/')) fs.mkdirSync(target, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, bytes);
      }
    }
    fs.renameSync(tmp, code.mount);
  }
}
