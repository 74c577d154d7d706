import type { Notes } from './notes.js';
import { asString, isMap, keyValues, type Data } from './words.js';

/**
 * `environment:` (mapping or `K=V` list) → `env:`. A name without a value takes the shell's value in
 * Compose and is left out when unset; pond has no such form, so it becomes `${NAME:-}` (empty when unset).
 */
export function convertEnv(svc: Data, out: Data, notes: Notes): void {
  if (svc.environment === undefined) return;
  const passed: string[] = [];
  const env = keyValues(svc.environment, (k) => {
    passed.push(k);
    return `\${${k}:-}`;
  });
  if (Object.keys(env).length > 0) out.env = env;
  if (passed.length > 0)
    notes.change(
      `${passed.join(', ')} came from the shell in Compose; here they are \${NAME:-}: empty when unset, where Compose leaves them out`,
      'env',
    );
}

/** `env_file:` (a path, a list, or `{path, required}` items) → `env_file:` paths. */
export function convertEnvFile(svc: Data, out: Data, notes: Notes): void {
  const raw = svc.env_file;
  if (raw === undefined) return;
  const items = Array.isArray(raw) ? raw : [raw];
  const paths: string[] = [];
  for (const item of items) {
    if (!isMap(item)) {
      paths.push(asString(item));
      continue;
    }
    paths.push(asString(item.path));
    if (item.required === false)
      notes.change(
        `env_file ${asString(item.path)} was optional in Compose (required: false); pond needs the file to exist`,
        'env_file',
      );
    if (item.format !== undefined) notes.skip('env_file.format', 'pond reads NAME=value lines only', 'env_file');
  }
  out.env_file = paths.length === 1 ? paths[0] : paths;
}

/** `labels:` (mapping or `k=v` list) → a mapping of strings; pond's own `dev.pond.` prefix is refused. */
export function convertLabels(svc: Data, out: Data, notes: Notes): void {
  if (svc.labels === undefined) return;
  const labels = keyValues(svc.labels, () => '');
  for (const key of Object.keys(labels)) {
    if (!key.startsWith('dev.pond.')) continue;
    delete labels[key];
    notes.skip(`label ${key}`, "dev.pond. labels are pond's own", 'labels');
  }
  if (Object.keys(labels).length > 0) out.labels = labels;
}
