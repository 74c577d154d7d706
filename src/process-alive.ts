import os from 'node:os';

/**
 * Whether a process may still run: on another host pond cannot tell, so it counts as alive. Shared by
 * the lock (a dead holder's lock is taken over) and one-off run ownership (a dead owner's run is removed).
 */
export function processAlive(host: string, pid: number): boolean {
  if (host !== os.hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
