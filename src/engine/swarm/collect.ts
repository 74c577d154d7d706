import fs from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import type { Connection } from '../docker/connection.js';
import { decodeCarried, type Decoded } from './carried-files.js';
import { COLLECT_LABEL } from './carrier.js';
import { serviceLogs } from './logs.js';
import { inspectService } from './services.js';
import { tasksOf } from './wait.js';

/** The manager gathers a task's output from its node: the last lines may lag its exit by a moment. */
const SETTLE_MS = 10_000;

/**
 * After a run ended: the files its carrier printed, written into the folders pond.yaml gave (each
 * file whole, through a temporary name, so a reader never sees half a result). Read from the newest
 * task alone: a re-run service keeps its earlier tasks' output too. A service without result folders
 * is left alone; a result that does not come back whole is an error saying so.
 */
export async function collectResults(conn: Connection, id: string): Promise<void> {
  const dirs = foldersOf((await inspectService(conn, id)).Spec.Labels);
  if (dirs.length === 0) return;
  const task = (await tasksOf(conn, id))[0];
  if (!task)
    throw new EngineError(`the result of ${id} did not come back: its task is gone`, undefined, 'run it again');
  const deadline = Date.now() + SETTLE_MS;
  let decoded: Decoded;
  for (;;) {
    decoded = decodeCarried(await stdoutOf(conn, task.ID));
    if (decoded.ok || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!decoded.ok)
    throw new EngineError(`the result of ${id} did not come back: ${decoded.why}`, undefined, 'run it again');
  for (const f of decoded.files) {
    const dir = dirs[f.dir];
    if (dir === undefined) continue;
    const file = path.join(dir, f.rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(`${file}.pond-part`, f.data);
    await fs.rename(`${file}.pond-part`, file);
  }
}

function foldersOf(labels: Record<string, string>): string[] {
  const raw = labels[COLLECT_LABEL];
  if (!raw) return [];
  const dirs = JSON.parse(raw) as unknown;
  return Array.isArray(dirs) ? dirs.filter((d): d is string => typeof d === 'string') : [];
}

async function stdoutOf(conn: Connection, taskId: string): Promise<string[]> {
  const out: string[] = [];
  for await (const l of serviceLogs(conn, taskId, { follow: false, timestamps: false }, 'tasks', true))
    if (l.stream === 'stdout') out.push(l.text);
  return out;
}
