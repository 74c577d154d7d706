import type { Lock } from '../../lock/lock.js';

/**
 * A lock for a process that already holds the project lock (watch mode): the dashboard's actions
 * still run one at a time, each after the one before has released.
 */
export function serialLock(): (command: string) => Promise<Lock> {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    let release!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return { release: async () => release() };
  };
}
