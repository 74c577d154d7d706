import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');

/** Every specifier src/<dir>'s files import or re-export, type-only ones included: a type import is a dependency too. */
function importsUnder(dir: string): { file: string; spec: string }[] {
  const files = fs.readdirSync(path.join(SRC, dir), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  return files.flatMap((f) => {
    const text = fs.readFileSync(path.join(SRC, dir, f), 'utf8');
    return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'|^declare module '([^']+)'/gms)].map((m) => ({ file: `${dir}/${f}`, spec: (m[1] ?? m[2])! }));
  });
}

describe('layers: config → model → workloads (kinds)', () => {
  it('src/model imports nothing from src/workloads: the model names no kind', () => {
    expect(importsUnder('model').filter((i) => i.spec.includes('/workloads/'))).toEqual([]);
  });
});
