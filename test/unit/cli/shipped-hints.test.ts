import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

describe('messages point only at what a package install ships', () => {
  it('no string in src/ names a script under scripts/ (a package install has none); comments may', () => {
    const code = (f: string): string =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l))
        .join('\n');
    const offenders = files('src').filter((f) => /scripts\/[\w-]+\.(sh|mjs)/.test(code(f)));
    expect(offenders).toEqual([]);
  });
});
