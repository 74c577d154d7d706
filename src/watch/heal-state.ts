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

/** Watch mode publishes its restart streaks here so `pond ps` can show a crash loop. */
export function writeHealState(project: string, workloads: HealState): void {
  const doc: HealFile = { pid: process.pid, updated: new Date().toISOString(), workloads };
  fs.mkdirSync(lockDir(), { recursive: true });
  fs.writeFileSync(file(project), JSON.stringify(doc));
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
  fs.rmSync(file(project), { force: true });
}
