import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

const remove = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

// Registered when a test file first imports this module, so it runs when that file's tests end.
const untilFileEnds = new Set<string>();
afterAll(() => {
  untilFileEnds.forEach(remove);
  untilFileEnds.clear();
});

/**
 * A fresh folder under the OS temp dir that removes itself, so a run of the tests leaves /tmp as it
 * found it: when the test that made it ends (made in a beforeEach: when that test ends), or when the
 * test file ends if it was made outside a test (a beforeAll, the module) or `keep: 'file'` asks for it
 * (a folder one test makes and later tests use).
 */
export function tempDir(prefix = 'pond-test-', opts: { keep?: 'test' | 'file' } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (opts.keep === 'file') {
    untilFileEnds.add(dir);
    return dir;
  }
  try {
    onTestFinished(() => remove(dir));
  } catch {
    untilFileEnds.add(dir);
  }
  return dir;
}
