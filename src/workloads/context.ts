import type { Reporter } from '../model/report.js';
import type { DigestCache } from './digest-cache.js';

/** What every kind's expansion may read besides its own raw workload. */
export interface KindContext {
  project: string;
  /** The project folder: relative paths (code, sql, notebooks, inputs) resolve against it. */
  dir: string;
  /** Path of the workload in the config (for located diagnostics). */
  at: (string | number)[];
  report: Reporter;
  /** The host environment: read only for variables a workload passes through by name (pass_env). */
  env: Record<string, string | undefined>;
  /** For kinds that publish one server port (database, notebook): `port:` or a derived, stable one. */
  hostPort?: number;
  /** The folders the project's queries write (absolute): they may not exist before the first up, yet a notebook may read them. */
  produced?: string[];
  /** Input digests from earlier loads: a query reads only the input bytes that changed since. */
  digests?: DigestCache;
}
