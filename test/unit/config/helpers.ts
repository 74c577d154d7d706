import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../../src/errors.js';
import { formatDiagnostic } from '../../../src/config/format.js';
import { loadConfig } from '../../../src/config/load.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { tempDir } from '../../support/temp-dir.js';

/** A fresh folder holding `files` (name → content); returns its path. */
export async function project(files: Record<string, string>): Promise<string> {
  const dir = tempDir('pond-config-');
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** Loads `names` from `dir` with `env`; returns the config or throws. */
export function load(
  dir: string,
  names: string[] = ['pond.yaml'],
  env: Record<string, string> = {},
): Promise<LoadedConfig> {
  return loadConfig({ files: names.map((n) => path.join(dir, n)), env });
}

/** The formatted diagnostics (relative to `dir`) of a load that must fail. */
export async function failures(
  dir: string,
  names: string[] = ['pond.yaml'],
  env: Record<string, string> = {},
): Promise<string[]> {
  try {
    await load(dir, names, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.map((d) => formatDiagnostic(d, dir));
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

/** Shortcut: one pond.yaml with `text`, the formatted diagnostics of loading it. */
export async function errorsOf(text: string, env: Record<string, string> = {}): Promise<string[]> {
  return failures(await project({ 'pond.yaml': text }), ['pond.yaml'], env);
}
