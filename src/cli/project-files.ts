import fs from 'node:fs';
import path from 'node:path';
import { STDIN_FILE } from '../config/types.js';
import { UsageError } from '../errors.js';
import { COMPOSE_FILES } from '../import/compose-files.js';

const DEFAULT_FILES = ['pond.yaml', 'pond.yml'];
const OVERRIDE_FILES = ['pond.override.yaml', 'pond.override.yml'];

/** Where the configuration comes from, as the command line and environment say (compose's rules). */
export interface FileSources {
  /** `-f` values in order (`-` is stdin); empty: POND_FILE, else the default files. */
  file: string[];
  /** `--project-directory`: where the default files are looked for and relative paths resolve from. */
  projectDirectory?: string;
  env: Record<string, string | undefined>;
  cwd: string;
  exists: (file: string) => boolean;
}

export interface ChosenFiles {
  /** Absolute paths, or STDIN_FILE; empty when there is no file at all (then `-p` alone may do). */
  files: string[];
  /** The project folder: relative paths in the files, `.env` and `.pond/` live here. */
  dir: string;
}

/** POND_FILE is a list like COMPOSE_FILE: split on POND_PATH_SEPARATOR, else the platform's (`:`, `;` on Windows). */
export function pondFileList(env: Record<string, string | undefined>): string[] {
  const value = env.POND_FILE;
  if (!value) return [];
  return value.split(env.POND_PATH_SEPARATOR || path.delimiter).filter((f) => f !== '');
}

/**
 * `-f` wins over POND_FILE, which wins over pond.yaml (+ pond.override.yaml) in the project folder.
 * Named files resolve from the working folder; the project folder is `--project-directory`, else the
 * first named file's folder (the working folder for stdin), else the working folder.
 */
export function chooseFiles(s: FileSources): ChosenFiles {
  const base = s.projectDirectory === undefined ? undefined : path.resolve(s.cwd, s.projectDirectory);
  const named = s.file.length ? s.file : pondFileList(s.env);
  if (named.length) {
    const files = named.map((f) => (f === '-' ? STDIN_FILE : path.resolve(s.cwd, f)));
    const first = files[0]!;
    return { files, dir: base ?? (first === STDIN_FILE ? s.cwd : path.dirname(first)) };
  }
  const dir = base ?? s.cwd;
  const main = DEFAULT_FILES.map((f) => path.join(dir, f)).find(s.exists);
  if (!main) return { files: [], dir };
  const override = OVERRIDE_FILES.map((f) => path.join(dir, f)).find(s.exists);
  return { files: override ? [main, override] : [main], dir };
}

/** The files, or the error a command that needs them reports. */
export function requireFiles(chosen: ChosenFiles): string[] {
  if (chosen.files.length) return chosen.files;
  const compose = COMPOSE_FILES.find((f) => fs.existsSync(path.join(chosen.dir, f)));
  if (compose)
    throw new UsageError(
      `no pond.yaml in ${chosen.dir}, but there is a Compose file (${compose})`,
      `pond import writes a pond.yaml from it (pond import ${compose}), or point at a pond.yaml with -f`,
    );
  throw new UsageError(
    `no pond.yaml in ${chosen.dir}`,
    'create one (see examples/), or point at it with -f path/to/pond.yaml (or POND_FILE, or --project-directory DIR)',
  );
}
