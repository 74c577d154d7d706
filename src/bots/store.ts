import fs from 'node:fs';
import path from 'node:path';
import { newestFirst, prunable } from './history.js';

export type Trigger = 'schedule' | 'up' | 'manual';

/** `run.json`: what one run did. Written when it starts (no `finished`) and again when it ends. */
export interface RunRecord {
  id: string;
  bot: string;
  trigger: Trigger;
  started: string;
  finished?: string;
  exit_code?: number;
  duration_ms?: number;
  /** The spec's config hash: code, config, image and everything else the container was made from. */
  hash: string;
  /** The results file's name inside this run's folder, when one was collected. */
  result_file?: string;
  /** Why the run ended without an exit code of its own (stopped by replace, interrupted, engine error). */
  error?: string;
}

/** `.pond/runs/<bot>`: every run of one bot, one folder each. */
export function botRunsDir(projectDir: string, bot: string): string {
  return path.join(projectDir, '.pond', 'runs', bot);
}

export function runDir(projectDir: string, bot: string, id: string): string {
  return path.join(botRunsDir(projectDir, bot), id);
}

export function writeRecord(projectDir: string, record: RunRecord): void {
  const dir = runDir(projectDir, record.bot, record.id);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.run.json.${process.pid}`);
  fs.writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n');
  fs.renameSync(tmp, path.join(dir, 'run.json'));
}

/** Every run of the bot with a readable record, newest first. */
export function listRecords(projectDir: string, bot: string): RunRecord[] {
  const dir = botRunsDir(projectDir, bot);
  const ids = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
  return newestFirst(ids)
    .map((id) => readRecord(projectDir, bot, id))
    .filter((r): r is RunRecord => !!r);
}

function readRecord(projectDir: string, bot: string, id: string): RunRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(runDir(projectDir, bot, id), 'run.json'), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

/** Deletes the oldest finished runs beyond `keep`; returns their ids. */
export function prune(projectDir: string, bot: string, keep: number): string[] {
  const records = listRecords(projectDir, bot);
  const active = new Set(records.filter((r) => !r.finished).map((r) => r.id));
  const doomed = prunable(
    records.map((r) => r.id),
    keep,
    active,
  );
  for (const id of doomed) fs.rmSync(runDir(projectDir, bot, id), { recursive: true, force: true });
  return doomed;
}
