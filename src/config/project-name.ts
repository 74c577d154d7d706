import { UsageError } from '../errors.js';
import { MAX_NAME_LENGTH } from './caps.js';

/** The same rule as `name:` in schema/pond.schema.json: it becomes container, volume and lock names. */
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** Refuses a project name given outside pond.yaml (`-p`, the API's `projectName`) that the engine or DNS would reject. */
export function checkProjectName(p: string | undefined): void {
  if (p === undefined) return;
  if (!PROJECT_NAME.test(p)) {
    throw new UsageError(
      `project name "${p}" is not valid`,
      'use lowercase letters, digits, "-" and "_", starting with a letter or digit (like name: in pond.yaml)',
    );
  }
  if (p.length > MAX_NAME_LENGTH) {
    throw new UsageError(
      `project name "${p}" is ${p.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`,
      'it names containers, networks and volumes, and DNS labels hold at most 63 characters',
    );
  }
}
