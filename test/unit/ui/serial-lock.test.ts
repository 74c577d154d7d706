import { describe, expect, it } from 'vitest';
import { serialLock } from '../../../src/ui/server/serial-lock.js';

describe('ui serial lock (watch mode)', () => {
  it('lets one action in at a time: the next gets the lock only once the one before released it', async () => {
    const lock = serialLock();
    const first = await lock('a');
    let secondHeld = false;
    const second = lock('b').then((l) => ((secondHeld = true), l));
    await new Promise((r) => setTimeout(r, 20));
    expect(secondHeld).toBe(false);
    await first.release();
    await (await second).release();
    expect(secondHeld).toBe(true);
  });
});
