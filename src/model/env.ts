import fs from 'node:fs';
import path from 'node:path';
import { parseDotEnv } from '../config/dotenv.js';
import type { Lookup } from '../config/template.js';
import type { RawWorkload } from './raw.js';
import type { Reporter } from './report.js';
import { isSecretValue, isSensitiveName, shapeOf } from '../secrets.js';

/**
 * env_file entries first, then `env:` over them (compose's precedence). env_file paths resolve
 * against the project folder and are read exactly like `.env` (`${VAR}` from the process environment
 * and the keys above). A missing env_file is an error at its
 * line; a line it cannot read is an error at that line of the env_file.
 */
export function normalizeEnv(
  raw: RawWorkload,
  at: (string | number)[],
  dir: string,
  report: Reporter,
  sources: Set<string>,
  lookup: Lookup = () => undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  const files = raw.env_file === undefined ? [] : typeof raw.env_file === 'string' ? [raw.env_file] : raw.env_file;
  files.forEach((file, i) => {
    const where = typeof raw.env_file === 'string' ? [...at, 'env_file'] : [...at, 'env_file', i];
    const abs = path.resolve(dir, file);
    sources.add(abs);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch {
      report.error(where, 'file-not-found', `env_file "${file}" does not exist`, `looked for ${abs}`);
      return;
    }
    const parsed = parseDotEnv(abs, text, lookup);
    Object.assign(env, parsed.values);
    parsed.diagnostics.forEach((d) => report.add(d));
  });
  if (Array.isArray(raw.env)) {
    for (const item of raw.env)
      if (item.indexOf('=') <= 0) report.error([...at, 'env'], 'env', `${shownItem(item)} is not KEY=VALUE`);
  }
  return Object.assign(env, envMap(raw.env));
}

/** A malformed item may still hold a secret ("DB_PASSWORD hunter2"): then only its shape is shown. */
function shownItem(item: string): string {
  return isSensitiveName(item) || isSecretValue(item) ? `(sensitive: ${shapeOf(item)})` : `"${item}"`;
}

/** A workload's `env:` in map form, whichever form it was written in; list items without KEY= are skipped. */
export function envMap(env: RawWorkload['env']): Record<string, string> {
  if (!env) return {};
  if (!Array.isArray(env)) return env;
  const out: Record<string, string> = {};
  for (const item of env) {
    const eq = item.indexOf('=');
    if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
