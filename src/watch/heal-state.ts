import fs from 'node:fs';
import path from 'node:path';

/** Per workload: restarts in the current streak, and the epoch ms before which it will not restart again. */
export type HealState = Record<string, { restarts: number; not_before: number }>;

interface HealFile {
  pid: number;
  updated: string;
  workloads: HealState;
}

const file = (dir: string, project: string): string => path.join(dir, `${project}.heal.json`);

/** What this process last wrote per project, so an idle watch does not rewrite the same streaks every tick. */
const written = new Map<string, string>();

/**
 * Watch mode publishes its restart streaks here so `pond ps` can show a crash loop. Written when they
 * change (and once at the start); `updated` says when they last did. `dir` is the lock folder
 * (lock/lock.ts lockDir), beside the project's lock.
 */
export function writeHealState(dir: string, project: string, workloads: HealState): void {
  const text = JSON.stringify(workloads);
  if (written.get(project) === text && fs.existsSync(file(dir, project))) return;
  const doc: HealFile = { pid: process.pid, updated: new Date().toISOString(), workloads };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file(dir, project), JSON.stringify(doc));
  written.set(project, text);
}

/** The streaks of a watch process that is still alive; empty when none runs. */
export function readHealState(dir: string, project: string): HealState {
  try {
    const doc = JSON.parse(fs.readFileSync(file(dir, project), 'utf8')) as HealFile;
    process.kill(doc.pid, 0);
    return doc.workloads;
  } catch {
    return {};
  }
}

export function clearHealState(dir: string, project: string): void {
  written.delete(project);
  fs.rmSync(file(dir, project), { force: true });
}
