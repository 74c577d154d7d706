/*
 * Diagnostic codes reported by the config stage (kebab-case, stable: tests and users grep them):
 *   file-not-found         a config file given with -f does not exist
 *   file-unreadable        a config file exists but cannot be read (a folder, no permission)
 *   yaml-syntax            the YAML itself is malformed
 *   duplicate-key          a key appears twice in one mapping
 *   alias-limit            aliases expand past the limit (a "billion laughs" document)
 *   empty-file             the file has no content (or only comments)
 *   dotenv-syntax          a line of .env is not KEY=VALUE
 *   unset-variable         ${VAR} without a default names an unset variable, or ${VAR:?msg} fired
 *   invalid-interpolation  a malformed ${...} expression
 *   unknown-key            a key the schema does not allow here (with did-you-mean)
 *   required               a required key is missing (or none of several alternatives is set)
 *   type                   a value of the wrong type (string, integer, list, mapping, …)
 *   enum                   a value outside a fixed set (with did-you-mean)
 *   pattern                a string or key name of the wrong form (duration, port, name, …)
 *   range                  a number outside its bounds
 *   invalid-value          other fixed-value rules (version must be 1, must not be empty)
 *   duplicate-item         a list that must hold unique items repeats one
 *   schema                 any other schema rule (fallback)
 */
import path from 'node:path';
import type { Diagnostic } from '../errors.js';

/**
 * `pond.yaml:12:7 error[unknown-key]: unknown key "imgae" in workload "web"` plus, when there is a
 * hint, a second line `  hint: did you mean "image"?`. The file is shown relative to `cwd` when it
 * lies inside it; without `cwd` it is shown as stored.
 */
export function formatDiagnostic(d: Diagnostic, cwd?: string): string {
  const head = `${where(d, cwd)}${d.severity}[${d.code}]: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

function where(d: Diagnostic, cwd: string | undefined): string {
  if (!d.location) return '';
  const { file, line, col } = d.location;
  return `${displayPath(file, cwd)}:${line}:${col} `;
}

function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd || !path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? relative : file;
}
