import fs from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import type { Connection } from '../docker/connection.js';
import { decodeCarried, type Decoded } from './carried-files.js';
import type { SwarmService } from './api.js';
import { COLLECT_LABEL, COLLECTED_LABEL } from './carrier.js';
import { serviceLogs } from './logs.js';
import { inspectService, updateService } from './services.js';
import { tasksOf, waitExit } from './wait.js';

/** The manager gathers a task's output from its node: the last lines may lag its exit by a moment. */
const SETTLE_MS = 10_000;

/** A run's exit code once it ended; one that ended well has handed its result folders back first. */
export async function exitWithResults(conn: Connection, id: string, signal?: AbortSignal): Promise<number> {
  const code = await waitExit(conn, id, signal);
  if (code === 0) await collectResults(conn, id);
  return code;
}

/**
 * After a run ended: the files its carrier printed, written into the folders pond.yaml gave (each
 * file whole, through a temporary name, so a reader never sees half a result). Read from the newest
 * task alone: a re-run service keeps its earlier tasks' output too. A service without result folders
 * is left alone; a result that does not come back whole is an error saying so.
 */
export async function collectResults(conn: Connection, id: string): Promise<void> {
  const service = await inspectService(conn, id);
  const dirs = foldersOf(service.Spec.Labels);
  if (dirs.length === 0) return;
  const task = (await tasksOf(conn, id))[0];
  if (!task)
    throw new EngineError(`the result of ${id} did not come back: its task is gone`, undefined, 'run it again');
  // Waiting again on a run whose result is already here (a dependent's `completed`) reads nothing:
  // its task's node may be gone by now.
  if (service.Spec.Labels[COLLECTED_LABEL] === task.ID) return;
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
  await markCollected(conn, service, task.ID);
}

/**
 * Notes on the service which task's result is written. Only on a standing service: updating a job
 * would run it again. Best effort: a service changed meanwhile is read again next time.
 */
async function markCollected(conn: Connection, service: SwarmService, taskId: string): Promise<void> {
  if (!('Replicated' in service.Spec.Mode)) return;
  const labels = { ...service.Spec.Labels, [COLLECTED_LABEL]: taskId };
  await updateService(conn, service.ID, service.Version.Index, { ...service.Spec, Labels: labels }).catch(
    () => undefined,
  );
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
