import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

const remove = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });
const leftForExit = new Set<string>();
process.on('exit', () => leftForExit.forEach(remove));

/**
 * A fresh folder under the OS temp dir that removes itself when the test that made it ends (in a
 * beforeEach: when that test ends), so a run of the tests leaves /tmp as it found it. Made outside
 * any test (a beforeAll, a describe body), it is removed when the test process exits.
 */
export function tempDir(prefix = 'pond-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    onTestFinished(() => remove(dir));
  } catch {
    leftForExit.add(dir);
  }
  return dir;
}
