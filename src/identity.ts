import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LABEL } from './labels.js';
import type { ObservedState } from './engine/types.js';
import { PondError } from './errors.js';
import { processAlive } from './process-alive.js';

/**
 * Which checkout a project's objects belong to. `id` lives in `<dir>/.pond/project-id`; a checkout
 * that never created anything has none on disk yet, so it gets a fresh one in memory (`stored: false`)
 * that the first command creating objects writes. Two clones therefore never share one, while `mv`
 * of the folder carries the file and keeps the identity.
 */
export interface ProjectIdentity {
  id: string;
  dir: string;
  stored: boolean;
}

const ID = /^[0-9a-f]{16,64}$/;

export function identityFile(dir: string): string {
  return path.join(dir, '.pond', 'project-id');
}

const unsaved = new Map<string, ProjectIdentity>();

/**
 * Reads the checkout's identity; reading never writes (loading only reads). Until the file exists,
 * one process keeps one candidate per folder, so watch mode's reloads agree with each other.
 */
export function readIdentity(dir: string): ProjectIdentity {
  const real = realDir(dir);
  const pending = unsaved.get(real);
  if (pending?.stored) return pending;
  try {
    const id = fs.readFileSync(identityFile(dir), 'utf8').trim();
    if (ID.test(id)) return { id, dir: real, stored: true };
  } catch {
    // no file yet: a checkout that never created anything
  }
  if (pending) return pending;
  const fresh = { id: randomBytes(8).toString('hex'), dir: real, stored: false };
  unsaved.set(real, fresh);
  return fresh;
}

/** Writes the identity file when it is not there yet; called by commands that create objects. */
export function saveIdentity(identity: ProjectIdentity): void {
  if (identity.stored) return;
  fs.mkdirSync(path.dirname(identityFile(identity.dir)), { recursive: true });
  try {
    fs.writeFileSync(identityFile(identity.dir), `${identity.id}\n`, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw new PondError(
      `another pond gave this checkout its identity (${identityFile(identity.dir)}) meanwhile`,
      'run the command again',
    );
  }
  identity.stored = true;
}

/** Takes over another checkout's identity (`pond adopt`): this folder's objects are then that checkout's. */
export function adoptIdentity(identity: ProjectIdentity, id: string): void {
  fs.mkdirSync(path.dirname(identityFile(identity.dir)), { recursive: true });
  fs.writeFileSync(identityFile(identity.dir), `${id}\n`);
  Object.assign(identity, { id, stored: true });
}

function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** This process as the owner of the one-off runs it starts (the `dev.pond.owner` label). */
export function ownerTag(): string {
  return `${os.hostname()}/${process.pid}`;
}

/** Whether the process an owner tag names is certainly gone: only decidable on this host. */
export function ownerGone(tag: string | undefined): boolean {
  const m = /^(.*)\/(\d+)$/.exec(tag ?? '');
  return !!m && !processAlive(m[1]!, Number(m[2]));
}

/** One-off runs (bot runs, ad hoc queries) whose pond process is gone: nobody will stop or collect them. */
export function abandonedRuns(observed: ObservedState): string[] {
  return observed.workloads
    .filter((c) => c.labels[LABEL.run] !== undefined && ownerGone(c.labels[LABEL.owner]))
    .map((c) => c.id);
}
