import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/broken');

/** README rows: file → the `file:line:col error[code]` strings it promises. */
async function promised(): Promise<[string, string[]][]> {
  const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| (\S+\.yaml) \| (.*) \|$/gm)].map((m) => [
    m[1]!,
    [...m[2]!.matchAll(/`([^`]+)`/g)].map((c) => c[1]!),
  ]);
}

describe('test/fixtures/broken', () => {
  it('lists every fixture in the README', async () => {
    expect((await promised()).map(([file]) => file).sort()).toEqual([
      'alias-bomb.yaml',
      'cycle.yaml',
      'duplicate-key.yaml',
      'empty.yaml',
      'typo.yaml',
      'unknown-dependency.yaml',
      'unset-var.yaml',
      'wrong-type.yaml',
    ]);
  });

  it('fails each fixture exactly as the README says', async () => {
    for (const [file, expected] of await promised()) {
      const error = await loadProject([path.join(dir, file)], {}).catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(ConfigError);
      const got = (error as ConfigError).diagnostics.map(
        (d) => `${path.basename(d.location!.file)}:${d.location!.line}:${d.location!.col} ${d.severity}[${d.code}]`,
      );
      expect(got, file).toEqual(expected);
    }
  });
});
