import type { Location } from '../errors.js';
import type { MapNode } from './tree.js';

/** A path into the configuration document, e.g. ['workloads', 'web', 'env', 'MODE']. */
export type DocPath = (string | number)[];

/** The name a configuration read from stdin (`-f -`) goes by, in errors too (`<stdin>:3:5`). */
export const STDIN_FILE = '<stdin>';

export interface LoadOptions {
  /** Files in order; later files override earlier ones (compose override semantics). STDIN_FILE is `stdin`. */
  files: string[];
  /** Variables for interpolation; the env files fill in what this lacks. */
  env: Record<string, string | undefined>;
  /** The project folder (relative paths, the default `.env`); default: the first file's folder. */
  dir?: string;
  /** `--env-file`s, later wins; given, they replace the default `.env` and each must exist. */
  envFiles?: string[];
  /** The bytes of STDIN_FILE, read by the CLI. */
  stdin?: Buffer;
}

/**
 * The configuration after parse → merge → interpolate → schema validation. `data` is plain JSON that
 * satisfies schema/pond.schema.json. `locate` maps any path (or its nearest existing parent) to the
 * file, line and column that supplied it, so later stages (model, graph) can report at the user's line.
 */
export interface LoadedConfig {
  data: Record<string, unknown>;
  files: string[];
  /** The project folder (the first file's, unless --project-directory): relative paths resolve against it. */
  dir: string;
  /** The env files that were read for interpolation (the default `.env`, or the --env-file ones). */
  envFiles: string[];
  locate(path: DocPath): Location | undefined;
  /** Variables resolved during interpolation (names only; for diagnostics and watch). */
  variables: string[];
  /** Values of the variables used whose names mark them secret: never to be printed, wherever they land. */
  secretValues: string[];
  /** Names of the variables used that are secret (by name or by value): `pond config` prints these as `${NAME}`. */
  secretVariables: string[];
  /** The merged, interpolated tree behind `data`; its scalars remember the text they were interpolated from. */
  tree: MapNode;
}
