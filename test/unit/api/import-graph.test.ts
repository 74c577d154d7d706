import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');

/** The specifiers a module loads when it is evaluated: `import … from` and `export … from`, not `import type` nor `import()`. */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

/** Every module evaluated when `entry` is, following relative imports; bare specifiers are kept as they are. */
function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      visit(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
    }
  };
  visit(entry);
  return seen;
}

describe('import graph', () => {
  it("the CLI's start-up path loads neither zod nor the API", () => {
    const loaded = [...graph(path.join(SRC, 'cli/main.ts'))];
    expect(loaded).toEqual(
      expect.arrayContaining(['commander', path.join(SRC, 'cli/context.ts'), path.join(SRC, 'lock/lock.ts')]),
    );
    expect(loaded.filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
    expect(loaded.filter((m) => m.startsWith(path.join(SRC, 'api')))).toEqual([]);
  });

  it('the API loads nothing from src/cli', () => {
    const loaded = [...graph(path.join(SRC, 'api/index.ts'))];
    expect(loaded.filter((m) => m.startsWith(path.join(SRC, 'cli')))).toEqual([]);
    expect(loaded).toContain('zod');
  });
});
