import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_AFTER } from '../../../src/cli/help-text.js';

const SRC = path.resolve(__dirname, '../../../src');
/** Not pond's settings: HOME is the OS's; MODE and PORT are `env.X` examples in comments. */
const NOT_SETTINGS = new Set(['HOME', 'MODE', 'PORT']);
/** Read inside the containers pond starts, not by the CLI. */
const IN_CONTAINER = path.join(SRC, 'workloads/query/runner');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === IN_CONTAINER ? [] : sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('pond --help', () => {
  it('lists every environment variable the CLI reads', () => {
    const read = new Set(
      sources(SRC).flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)].map((m) => m[1]!),
      ),
    );
    const missing = [...read].filter(
      (name) => !NOT_SETTINGS.has(name) && !new RegExp(`^  ${name} `, 'm').test(HELP_AFTER),
    );
    expect(missing).toEqual([]);
  });

  it('lists every exit code of DESIGN §3', () => {
    for (const code of [0, 1, 2, 3, 4, 5, 124, 130]) expect(HELP_AFTER).toMatch(new RegExp(`^  ${code} `, 'm'));
  });
});
