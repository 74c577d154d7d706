import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from '../../zip.js';
import type { KindContext } from '../context.js';
import { codeHash } from './code-hash.js';

/** Where a bot's code comes from, and the folder mounted at /app. */
export interface BotCode {
  /** The folder or .zip as written in pond.yaml, absolute. */
  source: string;
  hash: string;
  /** The folder mounted read-only: the code folder itself, or where the .zip is extracted. */
  mount: string;
  /** Set for a .zip: extracted once per content hash into `mount` before the container is created. */
  zip?: boolean;
}

/** `.pond/code/<bot>/<hash>`: one extraction per content, so a running bot keeps its files while a new one starts. */
export function extractionDir(projectDir: string, bot: string, hash: string): string {
  return path.join(projectDir, '.pond', 'code', bot, hash.slice(0, 16));
}

/**
 * Reads `code:` (folder or .zip) and checks the entry file is in it. Errors are located at `code` or
 * `entrypoint`; reading files is the only I/O (no extraction here: plan and validate write nothing).
 */
export function readCode(bot: string, code: string, entry: string, ctx: KindContext): BotCode | undefined {
  const source = path.resolve(ctx.dir, code);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat || (!stat.isDirectory() && !(stat.isFile() && source.endsWith('.zip')))) {
    const what = stat ? 'is neither a folder nor a .zip file' : 'does not exist';
    ctx.report.error(
      [...ctx.at, 'code'],
      'bot-code',
      `code "${code}" ${what}`,
      'point code: at the folder (or .zip) holding the bot, relative to pond.yaml',
    );
    return undefined;
  }
  const hash = codeHash(source);
  const files = stat.isDirectory() ? undefined : zipEntries(source);
  if (files === null) {
    ctx.report.error(
      [...ctx.at, 'code'],
      'bot-code',
      `code "${code}" is not a readable .zip file`,
      'recreate the archive, or point code: at a folder',
    );
    return undefined;
  }
  const has = files
    ? files.includes(entry)
    : fs.statSync(path.join(source, entry), { throwIfNoEntry: false })?.isFile();
  if (!has) {
    ctx.report.error(
      [...ctx.at, 'entrypoint'],
      'bot-entrypoint',
      `the entry file "${entry}" is not in ${code}`,
      entryHint(entry, files ?? safeList(source)),
    );
    return undefined;
  }
  return stat.isDirectory()
    ? { source, hash, mount: source }
    : { source, hash, mount: extractionDir(ctx.dir, bot, hash), zip: true };
}

function zipEntries(file: string): string[] | null {
  try {
    const names: string[] = [];
    unzipSync(fs.readFileSync(file), { filter: (f) => (names.push(f.name), false) });
    return names;
  } catch {
    return null;
  }
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function entryHint(entry: string, files: string[]): string {
  const ext = path.extname(entry);
  const candidates = files.filter((f) => path.extname(f) === ext && !f.endsWith('/')).slice(0, 5);
  return candidates.length
    ? `set entrypoint: to one of ${candidates.join(', ')}`
    : 'set entrypoint: to the file that starts the bot, relative to code:';
}
