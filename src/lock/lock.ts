import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LockHeldError } from '../errors.js';
import { processAlive } from '../process-alive.js';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface Lock {
  release(): Promise<void>;
}

/**
 * Where locks live: one file per project, shared by every pond process of this user on this machine.
 * The environment is the caller's (a composition root's), so a test or library user can move it.
 */
export function lockDir(env: Record<string, string | undefined>): string {
  return env.POND_LOCK_DIR ?? path.join(os.tmpdir(), `pond-locks-${process.getuid?.() ?? 0}`);
}

/**
 * One apply per project at a time. The lock file is created exclusively and holds who has it; a lock
 * whose process is gone is taken over. A second caller polls until `timeoutMs`, then fails with exit 5
 * naming the holder. `dir` is lockDir()'s answer.
 */
export async function acquireLock(dir: string, project: string, command: string, timeoutMs: number): Promise<Lock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lock = tryLock(dir, project, command);
    if (lock) return lock;
    const file = lockFile(dir, project);
    const holder = await readHolder(file);
    if (holder && !alive(holder)) {
      await takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) throw heldError(project, holder, file);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The lock, taken at once, or undefined while another process holds it (dead or alive: only
 * acquireLock takes over a dead holder's). Synchronous, a few system calls: a command can ask for
 * the engine's answers under the lock without first waiting on the thread pool behind other work.
 */
export function tryLock(dir: string, project: string, command: string): Lock | undefined {
  const file = lockFile(dir, project);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  try {
    fsSync.mkdirSync(dir, { recursive: true });
    fsSync.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
  held.set(file, me);
  return {
    release: async () => {
      held.delete(file);
      releaseNow(file, me);
    },
  };
}

const lockFile = (dir: string, project: string): string => path.join(dir, `${project}.lock`);

/**
 * The holder as another pond process wrote it: checked, not trusted (a crash mid-write or another
 * pond version can leave anything). zod is loaded only here, when the lock is contended.
 */
const same = (a: LockHolder | undefined, b: LockHolder): boolean =>
  !!a && a.pid === b.pid && a.host === b.host && a.since === b.since;

/**
 * Removes a dead holder's lock without racing another taker: the file is moved aside atomically (only
 * one process can move it) and deleted only if what was moved is still that dead holder's; a fresh
 * lock moved by mistake is put back.
 */
async function takeOver(file: string, dead: LockHolder): Promise<void> {
  const aside = `${file}.${process.pid}.stale`;
  try {
    await fs.rename(file, aside);
  } catch {
    return;
  }
  if (!same(await readHolder(aside), dead)) await fs.link(aside, file).catch(() => undefined);
  await fs.rm(aside, { force: true });
}

/** The locks this process holds, by file: what releaseHeldLocksNow gives back. */
const held = new Map<string, LockHolder>();

/**
 * Releases every lock this process still holds, synchronously: for a process that exits at once (a
 * second stop signal). The process's owner (cli/) calls it on exit; a dead holder's lock would
 * otherwise only be taken over by the next caller.
 */
export function releaseHeldLocksNow(): void {
  for (const [file, me] of held) releaseNow(file, me);
  held.clear();
}

/** Releases only a lock that is still ours (compared as written: no schema check, so no zod on every exit). */
function releaseNow(file: string, me: LockHolder): void {
  try {
    if (fsSync.readFileSync(file, 'utf8') === JSON.stringify(me)) fsSync.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  const { z } = await import('zod');
  const holder = z.object({
    pid: z.number().int().positive(),
    host: z.string(),
    command: z.string(),
    since: z.string(),
  });
  try {
    const parsed = holder.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function alive(holder: LockHolder): boolean {
  return processAlive(holder.host, holder.pid);
}

function heldError(project: string, holder: LockHolder | undefined, file: string): LockHeldError {
  const who = holder ? `pid ${holder.pid} ("${holder.command}", since ${holder.since})` : 'another pond process';
  return new LockHeldError(
    `project "${project}" is locked by ${who}`,
    `wait for it to finish, pass --lock-timeout 60s to wait, or remove ${file} if that process is gone`,
  );
}
