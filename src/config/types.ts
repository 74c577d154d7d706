import type { Location } from '../errors.js';
import type { MapNode } from './tree.js';

/** A path into the configuration document, e.g. ['workloads', 'web', 'env', 'MODE']. */
export type DocPath = (string | number)[];

export interface LoadOptions {
  /** Files in order; later files override earlier ones (compose override semantics). */
  files: string[];
  /** Variables for interpolation; `.env` beside the first file fills in what this lacks. */
  env: Record<string, string | undefined>;
}

/**
 * The configuration after parse → merge → interpolate → schema validation. `data` is plain JSON that
 * satisfies schema/pond.schema.json. `locate` maps any path (or its nearest existing parent) to the
 * file, line and column that supplied it, so later stages (model, graph) can report at the user's line.
 */
export interface LoadedConfig {
  data: Record<string, unknown>;
  files: string[];
  /** Directory of the first file: relative paths in the config resolve against it. */
  dir: string;
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
