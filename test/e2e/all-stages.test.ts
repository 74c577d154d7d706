import { describe, expect, it } from 'vitest';
import { scenario } from './helpers/scenario.js';

/** testdata/all-stages/pond.yaml holds three mistakes, one for each stage: schema (a typo), model (host networking), graph (a cycle). */
const s = scenario('all-stages');

describe("pond validate reports every stage's problems in one run", () => {
  it('a schema error, a model error and a cycle: all three by file:line:col with hints, the skipped checks named, exit 3', async () => {
    const run = await s.pond(['validate']);
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
    const run = await s.pond(['validate', '--format', 'json']);
    const doc = JSON.parse(run.stdout) as { valid: boolean; diagnostics: { code: string }[]; notes: string[] };
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['unknown-key', 'unsafe', 'dependency-cycle']);
    expect(doc.notes).toHaveLength(1);
  });
});
