import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pond, projectDir } from './helpers/pond.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const THREE_MISTAKES = `version: 1
workloads:
  web:
    imgae: busybox:1.35
  api:
    image: busybox:1.35
    network: host
  a:
    image: busybox:1.35
    depends_on: [b]
  b:
    image: busybox:1.35
    depends_on: [a]
`;

describe('pond validate reports every stage\'s problems in one run', () => {
  it('a schema error, a model error and a cycle: all three by file:line:col with hints, the skipped checks named, exit 3', async () => {
    const dir = await projectDir({ 'pond.yaml': THREE_MISTAKES });
    dirs.push(dir);
    const run = await pond(['validate'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n')).toEqual([
      'pond.yaml:4:5 error[unknown-key]: unknown key "imgae" in workload "web"',
      '  hint: did you mean "image"?',
      'pond.yaml:7:14 error[unsafe]: host networking bypasses port publishing and isolation',
      '  hint: if you mean it, add `unsafe: [host-network]` to this workload',
      'pond.yaml:10:18 error[dependency-cycle]: dependency cycle: a → b → a',
      '  hint: remove one of these depends_on entries',
      'note: model and graph checks skipped for workload "web", which has errors above',
      '3 errors: nothing was changed.',
    ]);
  });

  it('--format json carries the diagnostics and the notes in one document', async () => {
    const dir = await projectDir({ 'pond.yaml': THREE_MISTAKES });
    dirs.push(dir);
    const run = await pond(['validate', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(run.stdout) as { valid: boolean; diagnostics: { code: string }[]; notes: string[] };
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['unknown-key', 'unsafe', 'dependency-cycle']);
    expect(doc.notes).toHaveLength(1);
  });
});
