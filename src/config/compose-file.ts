import path from 'node:path';
import type { Diagnostic } from '../errors.js';
import type { Locator } from './sourcemap.js';

/**
 * A Docker Compose file handed to pond (`-f docker-compose.yml`): top-level `services:` and no
 * `workloads:`. Its dozens of unknown-key errors would bury the one thing to say, so it gets one
 * diagnostic pointing at `pond import`. `given` is the file as the user named it.
 */
export function composeFileDiagnostic(
  data: Record<string, unknown>,
  where: Locator,
  given: (file: string) => string,
): Diagnostic | undefined {
  if (!Object.hasOwn(data, 'services') || Object.hasOwn(data, 'workloads')) return undefined;
  const location = where.key(['services']);
  const file = location ? shorter(given(location.file)) : 'docker-compose.yml';
  return {
    code: 'compose-file',
    message: `${path.basename(file)} is a Docker Compose file (it has services: and no workloads:), not a pond.yaml`,
    hint: `convert it once: pond import ${file}   (writes pond.yaml beside it; -o - prints it)`,
    location,
    severity: 'error',
  };
}

/** The path as typed when it was relative, else relative to the working folder when inside it. */
function shorter(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
