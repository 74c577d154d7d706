import { PROJECT_NAME } from '../config/project-name.js';
import { defaultProjectName } from '../model/normalize.js';

/** A top-level `name:` with one plain value, quoted or not, maybe with a comment after it. */
const NAME = /^name:[ \t]*(["']?)([^\s"'#]+)\1[ \t]*(#.*)?$/;
/** The lines guessing looks at: a top-level `engine:` or `name:`, found without splitting the text into lines. */
const TOP_KEYS = /^(?:engine:|name:[^\n]*)/gm;

/**
 * The project a command is about, told from the files' text before they are loaded, so the engine's
 * snapshot can be asked for while they are: -p (or POND_PROJECT_NAME), else the last file's plain
 * top-level `name:`, else the folder's name, as loading decides. Undefined when the text could say
 * otherwise in a way only loading knows (a `name:` that is not a plain name, such as one with `$`)
 * or names another backend (`engine:`): then nothing is asked for early. A wrong guess costs a spare
 * snapshot, never a wrong plan: the loaded project's name decides which snapshot is used.
 */
export function guessProject(texts: string[], dir: string, projectName?: string): string | undefined {
  let name: string | undefined;
  for (const text of texts) {
    for (const [line] of text.matchAll(TOP_KEYS)) {
      if (line.startsWith('engine:')) return undefined;
      const value = NAME.exec(line.trimEnd())?.[2];
      if (!value || !PROJECT_NAME.test(value)) return undefined;
      name = value;
    }
  }
  return projectName ?? name ?? defaultProjectName(dir);
}
