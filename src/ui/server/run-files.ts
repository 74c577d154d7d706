import fs from 'node:fs';
import path from 'node:path';
import { listRecords, runDir } from '../../bots/store.js';
import { scrubSecrets } from '../../secrets.js';
import { redactDeep } from './redact.js';

/** A file of one bot run, ready to send; undefined when the bot, the run or the file is not there. */
export interface RunFile {
  contentType: string;
  body: string;
}

/**
 * `logs.txt` or the results file of a run `.pond/runs/BOT/` lists (so no path the page sends is used
 * as a path), redacted: logs line by line, results value by value (text that is not JSON as text).
 */
export function runFile(
  projectDir: string,
  bot: string,
  run: string,
  which: 'logs' | 'results',
  secrets: readonly string[],
): RunFile | undefined {
  const record = listRecords(projectDir, bot).find((r) => r.id === run);
  if (!record) return undefined;
  const name = which === 'logs' ? 'logs.txt' : record.result_file;
  if (!name || path.basename(name) !== name) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.join(runDir(projectDir, bot, record.id), name), 'utf8');
  } catch {
    return undefined;
  }
  if (which === 'logs') return { contentType: 'text/plain; charset=utf-8', body: scrubSecrets(text, secrets) };
  try {
    return {
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(redactDeep(JSON.parse(text) as unknown, secrets)),
    };
  } catch {
    return { contentType: 'text/plain; charset=utf-8', body: scrubSecrets(text, secrets) };
  }
}
