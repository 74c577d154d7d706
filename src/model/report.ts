import type { DocPath, LoadedConfig } from '../config/types.js';
import type { Diagnostic } from '../errors.js';
import { configSecrets, isSensitiveName, scrubSecrets, shapeOf } from '../secrets.js';

/**
 * Collects problems found after schema validation (model and graph stages), each placed at the user's
 * line through the config's source map. Stages keep going after a problem so all are reported at once.
 * Invariant: no message or hint quotes a secret value (one under a secret-named key, a secret
 * variable's value, a URL's password): it is replaced by its shape ("a 12-character string").
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  /** Workloads a scope found an error in; one set shared by a reporter and all its scopes. */
  readonly failedWorkloads: Set<string>;
  private secrets?: string[];
  constructor(
    private readonly config: Pick<LoadedConfig, 'locate'> & Partial<Pick<LoadedConfig, 'data' | 'secretValues'>>,
    private readonly parent?: Reporter,
    private readonly workload?: string,
  ) {
    this.failedWorkloads = parent?.failedWorkloads ?? new Set();
  }

  /**
   * A reporter for one workload: what it reports lands here too, but its `failed` is that workload's
   * alone, so one broken workload does not cut short the checks of the next.
   */
  scope(workload: string): Reporter {
    return new Reporter(this.config, this, workload);
  }

  error(path: DocPath, code: string, message: string, hint?: string): void {
    this.push(this.hide(path, { code, message, hint, location: this.config.locate(path), severity: 'error' }));
  }

  warn(path: DocPath, code: string, message: string, hint?: string): void {
    this.push(this.hide(path, { code, message, hint, location: this.config.locate(path), severity: 'warning' }));
  }

  /** A diagnostic already placed elsewhere (a line of an env_file). */
  add(d: Diagnostic): void {
    this.push(this.hide(undefined, d));
  }

  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  private push(d: Diagnostic): void {
    this.diagnostics.push(d);
    if (this.workload !== undefined && d.severity === 'error') this.failedWorkloads.add(this.workload);
    this.parent?.record(d);
  }

  private record(d: Diagnostic): void {
    this.diagnostics.push(d);
    this.parent?.record(d);
  }

  private hide(path: DocPath | undefined, d: Diagnostic): Diagnostic {
    this.secrets ??= [...(this.config.secretValues ?? []), ...configSecrets(this.config.data)];
    const own = path && secretAt(this.config.data, path);
    const scrub = (s: string): string => {
      const quoted = own === undefined ? s : s.split(`"${own}"`).join(`(sensitive: ${shapeOf(own)})`);
      return scrubSecrets(quoted, this.secrets!);
    };
    return { ...d, message: scrub(d.message), ...(d.hint !== undefined && { hint: scrub(d.hint) }) };
  }
}

/** The scalar at `path` when some key on the way to it (below the workload's name) is secret-named. */
function secretAt(data: unknown, path: DocPath): string | undefined {
  const below = path[0] === 'workloads' || path[0] === 'volumes' ? path.slice(2) : path;
  if (!below.some((s) => typeof s === 'string' && isSensitiveName(s))) return undefined;
  const value = path.reduce<unknown>(
    (v, s) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined),
    data,
  );
  return value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
}
