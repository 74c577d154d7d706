import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConfigError } from '../../src/errors.js';
import { loadProject } from '../../src/pipeline.js';
import { tempDir } from './temp-dir.js';

/**
 * A temporary project folder named "demo" holding `files` and a pond.yaml whose `workloads:` block is
 * `workloads`; `load(env)` runs the whole engine-free pipeline on it.
 */
export async function tempProject(workloads: string, files: Record<string, string | Uint8Array> = {}) {
  const dir = tempDir('pond-kind-');
  for (const [f, body] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.writeFile(path.join(dir, f), body);
  }
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\nworkloads:\n${workloads}`);
  return { dir, load: (env: Record<string, string> = {}) => loadProject([path.join(dir, 'pond.yaml')], env) };
}

/** A failed load's diagnostics as "LINE:COL code: message". */
export const errorsOf = (p: Promise<unknown>): Promise<string[]> =>
  p.then(
    () => [],
    (e: ConfigError) => e.diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}`),
  );
