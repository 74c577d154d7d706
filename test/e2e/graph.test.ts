import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pond, projectDir, ROOT } from './helpers/pond.js';

describe('pond graph (no engine needed)', () => {
  it("the README's mermaid block is pond graph --format mermaid of the quickstart", async () => {
    const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    const run = await pond(['graph', '--format', 'mermaid'], { cwd: path.join(ROOT, 'examples/quickstart') });
    expect(run.code, run.stderr).toBe(0);
    expect(block).toBe(run.stdout.trimEnd());
  });

  it('draws scheduled bots and queries, which have no standing container, as nodes too', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: drawn
workloads:
  db: { image: postgres:15, health: { exec: [pg_isready] } }
  nightly: { kind: bot, runtime: python3.11, code: ./bot, schedule: "0 6 * * *", depends_on: { db: healthy } }
  daily: { kind: query, sql: "select 1", output: { path: ./out/d.csv, format: csv } }
`,
      'bot/main.py': 'print(1)\n',
    });
    const run = await pond(['graph'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"nightly" [label="nightly\\nbot (0 6 * * *)"];');
    expect(run.stdout).toContain('"daily" [label="daily\\nquery"];');
    expect(run.stdout).toContain('"db" -> "nightly" [label="healthy"];');
  });
});
