import type { DocPath, LoadedConfig } from '../config/types.js';
import type { Diagnostic } from '../errors.js';

/**
 * Collects problems found after schema validation (model and graph stages), each placed at the user's
 * line through the config's source map. Stages keep going after a problem so all are reported at once.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly config: Pick<LoadedConfig, 'locate'>) {}

  error(path: DocPath, code: string, message: string, hint?: string): void {
    this.diagnostics.push({ code, message, hint, location: this.config.locate(path), severity: 'error' });
  }

  warn(path: DocPath, code: string, message: string, hint?: string): void {
    this.diagnostics.push({ code, message, hint, location: this.config.locate(path), severity: 'warning' });
  }

  /** A diagnostic already placed elsewhere (a line of an env_file). */
  add(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
