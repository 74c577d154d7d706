import path from 'node:path';
import type { RawWorkload } from '../model/raw.js';

/** Whether `abs` is the project folder or under it (the rule every kind's paths follow). */
export function insideProject(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A workload's raw env in map form, whichever form the user wrote it in. */
export function envMap(env: RawWorkload['env']): Record<string, string> {
  if (!env) return {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}
