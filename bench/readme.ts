import { readFile, writeFile } from 'node:fs/promises';

const START = '<!-- bench:results:start (written by npm run bench -- --record; edits here are overwritten) -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated results section of bench/README.md (between its markers) with `body`. */
export async function writeReadmeSection(file: string, body: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from)
    throw new Error(`${file} has no results markers; add ${START} and ${END} where the results go`);
  await writeFile(file, `${text.slice(0, from + START.length)}\n\n${body.trim()}\n\n${text.slice(to)}`);
}
