import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pond, ROOT } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

// pond writes out/ for the query beside pond.yaml: the scenario's copy takes it.
const drawn = scenario('graph');

describe('pond graph (no engine needed)', () => {
  it("the README's mermaid block is pond graph --format mermaid of the quickstart", async () => {
    const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    const run = await pond(['graph', '--format', 'mermaid'], { cwd: path.join(ROOT, 'examples/quickstart') });
    expect(run.code, run.stderr).toBe(0);
    expect(block).toBe(run.stdout.trimEnd());
  });

  it('draws scheduled bots and queries, which have no standing container, as nodes too', async () => {
    const run = await drawn.pond(['graph']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"nightly" [label="nightly\\nbot (0 6 * * *)"];');
    expect(run.stdout).toContain('"daily" [label="daily\\nquery"];');
    expect(run.stdout).toContain('"db" -> "nightly" [label="healthy"];');
  });
});
