import fs from 'node:fs';
import path from 'node:path';
import { lockDir } from '../lock/lock.js';

/** Per workload: restarts in the current streak, and the epoch ms before which it will not restart again. */
export type HealState = Record<string, { restarts: number; not_before: number }>;

interface HealFile {
  pid: number;
  updated: string;
  workloads: HealState;
}

const file = (project: string): string => path.join(lockDir(), `${project}.heal.json`);

/** What this process last wrote per project, so an idle watch does not rewrite the same streaks every tick. */
const written = new Map<string, string>();

/**
 * Watch mode publishes its restart streaks here so `pond ps` can show a crash loop. Written when they
 * change (and once at the start); `updated` says when they last did.
 */
export function writeHealState(project: string, workloads: HealState): void {
  const text = JSON.stringify(workloads);
  if (written.get(project) === text && fs.existsSync(file(project))) return;
  const doc: HealFile = { pid: process.pid, updated: new Date().toISOString(), workloads };
  fs.mkdirSync(lockDir(), { recursive: true });
  fs.writeFileSync(file(project), JSON.stringify(doc));
  written.set(project, text);
}

/** The streaks of a watch process that is still alive; empty when none runs. */
export function readHealState(project: string): HealState {
  try {
    const doc = JSON.parse(fs.readFileSync(file(project), 'utf8')) as HealFile;
    process.kill(doc.pid, 0);
    return doc.workloads;
  } catch {
    return {};
  }
}

export function clearHealState(project: string): void {
  written.delete(project);
  fs.rmSync(file(project), { force: true });
}
