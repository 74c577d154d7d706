import { readFile, writeFile } from 'node:fs/promises';

const BY: Record<string, string> = { results: 'npm run bench -- --record', swarm: 'node dist/bench/swarm.js --record' };

/**
 * Replaces a generated section of bench/README.md (between its markers, `results` for the engine bench's)
 * with `body`.
 */
export async function writeReadmeSection(file: string, body: string, section = 'results'): Promise<void> {
  const START = `<!-- bench:${section}:start (written by ${BY[section]}; edits here are overwritten) -->`;
  const END = `<!-- bench:${section}:end -->`;
  const text = await readFile(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from)
    throw new Error(`${file} has no results markers; add ${START} and ${END} where the results go`);
  await writeFile(file, `${text.slice(0, from + START.length)}\n\n${body.trim()}\n\n${text.slice(to)}`);
}
